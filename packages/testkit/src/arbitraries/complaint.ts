import { createHash } from 'node:crypto'
import fc from 'fast-check'
import {
  type Actor,
  addDays,
  type ComplaintCommand,
  complaintDecider,
  type ComplaintEvent,
  type ComplaintRejection,
  type ComplaintState,
  type Instant,
  instant,
  jakartaDate,
  type PersonalData,
  type PolicyConfig,
} from '@pembina/core'
import { runScenario, type ScenarioRun } from '../scenario.js'
import { arbInstant, arbNip, asnActor } from './shared.js'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Complaint ids that are valid stream ids (`c-2026-00042`). */
export const arbComplaintId: fc.Arbitrary<string> = fc.integer({ min: 1, max: 99_999 }).map(n => `c-2026-${pad(n, 5)}`)

/** Receipt numbers in the Belawan desk's format (`BLW-2026-000123`). */
export const arbTrackingId: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('BLW', 'MDN', 'DKS'), fc.integer({ min: 1, max: 999_999 }))
  .map(([prefix, n]) => `${prefix}-2026-${pad(n, 6)}`)

const arbCast = fc.record({
  subjectId: fc.integer({ min: 1, max: 9_999 }).map(n => `warga-${pad(n, 4)}`),
  desk: arbNip,
  officer: arbNip,
  pyb: arbNip,
})

const units = ['Puskesmas Belawan', 'Pustu Sicanang', 'Pustu Bagan Deli', 'Kantor Camat Medan Belawan'] as const

type Move =
  | 'verify'
  | 'request-completion'
  | 'supply-completion'
  | 'dispose'
  | 'follow-up'
  | 'decide'
  | 'notify'
  | 'rate'
  | 'close'
  | 'escalate'
  | 'archive'
  | 'not-in-authority'
  | 'check'

/** How a scenario goes wrong at one step: the command sent twice, dated too early, or sent by the wrong actor. */
type Noise = 'repeat' | 'out-of-order' | 'wrong-actor' | 'lower-flags' | 'wrong-complaint'

const arbGapMinutes: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 * 60 }) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 6 }).map(days => days * 1440) },
  { weight: 1, arbitrary: fc.integer({ min: 7, max: 75 }).map(days => days * 1440) },
)

const scenarioShape = fc.record({
  complaintId: arbComplaintId,
  trackingId: arbTrackingId,
  cast: arbCast,
  start: arbInstant('2026-01-01', '2026-10-31'),
  serviceLagDays: fc.oneof(
    { weight: 29, arbitrary: fc.nat(30) },
    { weight: 1, arbitrary: fc.integer({ min: 31, max: 40 }) },
  ),
  anonymous: fc.boolean(),
  filedConfidential: fc.boolean(),
  confidential: fc.boolean(),
  namesComplainant: fc.nat(4).map(n => n !== 0),
  // Random bytes as base64 stand in for an encrypted envelope: personal data is never generated in clear.
  ciphertext: fc.uint8Array({ minLength: 12, maxLength: 48 }).map(bytes => Buffer.from(bytes).toString('base64')),
  incomplete: fc.nat(3).map(n => n === 0),
  supplied: fc.nat(4).map(n => n !== 0),
  followUps: fc.integer({ min: 1, max: 3 }),
  cut: fc.integer({ min: 0, max: 14 }),
  ending: fc.constantFrom('open', 'escalate', 'archive', 'not-in-authority', 'late-check'),
  steps: fc.array(
    fc.record({
      gap: arbGapMinutes,
      check: fc.nat(3).map(n => n === 0),
      noise: fc.oneof(
        { weight: 8, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<Noise>('repeat', 'out-of-order', 'wrong-actor', 'lower-flags', 'wrong-complaint'),
        },
      ),
      byPyb: fc.boolean(),
      rating: fc.integer({ min: 1, max: 5 }),
    }),
    { minLength: 24, maxLength: 24 },
  ),
})
type Shape = typeof scenarioShape extends fc.Arbitrary<infer S> ? S : never

const plusMinutes = (at: Instant, minutes: number): Instant =>
  instant(new Date(Date.parse(at) + minutes * 60_000 + 7 * 3_600_000).toISOString().replace('Z', '+07:00'))

const movesOf = (shape: Shape): readonly Move[] => {
  // An unanswered completion request ends the lawful path: only the timer (and the noise) acts after it.
  if (shape.incomplete && !shape.supplied) return ['request-completion']
  const intake: readonly Move[] = shape.incomplete ? ['request-completion', 'supply-completion', 'verify'] : ['verify']
  const handling: readonly Move[] = [
    'dispose',
    ...Array.from({ length: shape.followUps }, (): Move => 'follow-up'),
    'decide',
    'notify',
    'rate',
    'close',
  ]
  const path = [...intake, ...handling].slice(0, shape.cut)
  if (shape.ending === 'open' || shape.ending === 'late-check' || path.includes('close')) return path
  // The desk archives a complaint, or finds it outside its authority, only before routing it to a unit.
  const early = shape.ending === 'archive' || shape.ending === 'not-in-authority'
  return [...(early && path.includes('dispose') ? path.slice(0, path.indexOf('dispose')) : path), shape.ending]
}

/** The digest of the tracking token an anonymous complaint is filed with (one per complaint, a stand-in). */
const trackingDigestOf = (shape: Shape): string =>
  createHash('sha256').update(`token-${shape.complaintId}-${shape.ciphertext}`).digest('hex')

/** The data subject a generated complaint's personal data is sealed for: the named complainant's, or its own. */
const subjectOf = (shape: Shape): string =>
  shape.namesComplainant ? shape.cast.subjectId : `pengadu-${shape.complaintId}`

/**
 * A stand-in envelope for a free text of the complaint (its description, a follow-up, the answer): sealed for the
 * complaint's subject, random bytes as ciphertext, one per text (the generators never produce personal data in clear).
 */
const sealedText = (shape: Shape, index: number): PersonalData => {
  const subjectId = subjectOf(shape)
  return {
    subjectId,
    keyId: `key-${subjectId}`,
    algorithm: 'AES-256-GCM',
    ciphertext: Buffer.concat([Buffer.from(shape.ciphertext, 'base64'), Buffer.from([index % 256])]).toString('base64'),
  }
}

const commandFor = (move: Move, shape: Shape, at: Instant, index: number): ComplaintCommand => {
  const { complaintId, cast } = shape
  const step = shape.steps[index % shape.steps.length]
  // The complainant of an anonymous complaint shows its tracking token (the service states its digest).
  const citizen: Actor = shape.anonymous
    ? { kind: 'citizen', subjectId: cast.subjectId, trackingTokenDigest: trackingDigestOf(shape) }
    : { kind: 'citizen', subjectId: cast.subjectId }
  const desk = asnActor(cast.desk, 'admin-pengaduan')
  const handler = step?.byPyb === true ? asnActor(cast.pyb, 'pyb') : asnActor(cast.officer, 'asn')
  const text = sealedText(shape, index)
  switch (move) {
    case 'verify':
      return {
        type: 'VerifyComplaint',
        at,
        actor: desk,
        data: { complaintId, ...(shape.confidential ? { confidential: true } : {}) },
      }
    case 'request-completion':
      return { type: 'RequestCompletion', at, actor: desk, data: { complaintId, missing: 'Tanggal dan jam kejadian.' } }
    case 'supply-completion':
      return { type: 'SupplyCompletion', at, actor: citizen, data: { complaintId, supplement: text } }
    case 'dispose':
      return {
        type: 'DisposeComplaint',
        at,
        actor: desk,
        data: { complaintId, unit: units[0], officerNip: cast.officer },
      }
    case 'follow-up':
      return { type: 'RecordFollowUp', at, actor: handler, data: { complaintId, followUpId: `fu-${index}`, text } }
    case 'decide':
      return {
        type: 'DecideComplaint',
        at,
        actor: handler,
        data: { complaintId, decision: text, upheld: index % 2 === 0 },
      }
    case 'notify':
      return { type: 'NotifyComplainant', at, actor: desk, data: { complaintId, channel: 'whatsapp' } }
    case 'rate':
      return { type: 'RateSatisfaction', at, actor: citizen, data: { complaintId, rating: step?.rating ?? 4 } }
    case 'close':
      return { type: 'CloseComplaint', at, actor: desk, data: { complaintId } }
    case 'escalate':
      return { type: 'EscalateToOmbudsman', at, actor: citizen, data: { complaintId, reason: 'Tidak ada tanggapan.' } }
    case 'archive':
      return { type: 'ArchiveComplaint', at, actor: desk, data: { complaintId, reason: 'Pengaduan ganda.' } }
    case 'not-in-authority':
      return {
        type: 'DeclareNotInAuthority',
        at,
        actor: desk,
        data: { complaintId, competentAgency: 'Dinas Kesehatan Provinsi Sumatera Utara' },
      }
    case 'check':
      return {
        type: 'CheckDeadlines',
        at,
        actor: { kind: 'system', process: 'complaint-deadlines' },
        data: { complaintId },
      }
  }
}

const withNoise = (noise: Noise, command: ComplaintCommand, shape: Shape): ComplaintCommand => {
  switch (noise) {
    case 'repeat':
      return command
    case 'out-of-order':
      return { ...command, at: plusMinutes(command.at, -3 * 1440) }
    case 'wrong-actor':
      return { ...command, actor: asnActor(shape.cast.officer, 'atasan') }
    case 'lower-flags':
      return {
        type: 'VerifyComplaint',
        at: command.at,
        actor: asnActor(shape.cast.desk, 'admin-pengaduan'),
        data: { complaintId: shape.complaintId, anonymous: false, confidential: false },
      }
    case 'wrong-complaint':
      return {
        type: 'CloseComplaint',
        at: command.at,
        actor: command.actor,
        data: { complaintId: `${shape.complaintId}-x` },
      }
  }
}

const filingFor = (shape: Shape, at: Instant): ComplaintCommand => {
  const envelope = (subjectId: string): PersonalData => ({
    subjectId,
    keyId: `key-${subjectId}`,
    algorithm: 'AES-256-GCM',
    ciphertext: shape.ciphertext,
  })
  return {
    type: 'FileComplaint',
    at,
    actor: shape.namesComplainant ? { kind: 'citizen', subjectId: shape.cast.subjectId } : { kind: 'citizen' },
    data: {
      complaintId: shape.complaintId,
      trackingId: shape.trackingId,
      unit: units[shape.serviceLagDays % units.length] ?? units[0],
      category: 'pengaduan',
      description: sealedText(shape, 255),
      serviceDate: addDays(jakartaDate(at), -shape.serviceLagDays),
      channel: 'web',
      anonymous: shape.anonymous,
      confidential: shape.filedConfidential,
      ...(shape.anonymous ? { trackingTokenDigest: trackingDigestOf(shape) } : {}),
      ...(shape.namesComplainant
        ? { complainant: envelope(shape.cast.subjectId), contact: envelope(shape.cast.subjectId) }
        : {}),
    },
  }
}

/**
 * Command sequences for one complaint: a filing, then mostly the lawful next steps (verification, completion,
 * disposition, follow-ups, decision, notification, rating, closing, or an early end), with increasing `at` and gaps
 * from minutes to weeks, timer checks in between, and now and then a repeated, early, unauthorised or wrong command.
 */
export const arbComplaintScenario = (): fc.Arbitrary<readonly ComplaintCommand[]> =>
  scenarioShape.map(shape => {
    let at = shape.start
    const commands: ComplaintCommand[] = [filingFor(shape, at)]
    movesOf(shape).forEach((move, index) => {
      const step = shape.steps[index]
      at = plusMinutes(at, step?.gap ?? 60)
      if (step?.check === true) {
        commands.push(commandFor('check', shape, at, index))
        at = plusMinutes(at, 1)
      }
      const command = commandFor(move, shape, at, index)
      commands.push(command)
      if (step?.noise != null) commands.push(withNoise(step.noise, command, shape))
    })
    if (shape.ending === 'late-check') commands.push(commandFor('check', shape, plusMinutes(at, 80 * 1440), 0))
    return commands
  })

/** Reachable histories of one complaint under a policy: a generated scenario run through the decider. */
export const arbComplaintHistory = (
  config: PolicyConfig,
): fc.Arbitrary<ScenarioRun<ComplaintCommand, ComplaintEvent, ComplaintState, ComplaintRejection>> =>
  arbComplaintScenario().map(commands => runScenario(complaintDecider(config), commands))
