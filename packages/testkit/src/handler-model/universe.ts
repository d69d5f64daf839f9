import fc from 'fast-check'
import {
  type Actor,
  addDays,
  type EnrollmentCommand,
  type EnrollmentState,
  instant,
  type Instant,
  type LocalDate,
  type Nip,
  type OpenOffering,
  placesOf,
  systemActor,
} from '@pembina/core'
import { arbOpenOffering } from '../arbitraries/enrollment.js'
import { arbNip, asnActor } from '../arbitraries/shared.js'

/** How many offerings (streams) and participants a run of the model plays with: few, so commands collide. */
export const offeringCount = 2
export const participantCount = 4

/**
 * What one run of the model plays with, generated once per run: two offerings (their OpenOffering commands, capacity
 * 1–3, so approvals compete for places) and four participants, each with one of two atasan. Commands name them by
 * index; their ids are given when the run starts, so every run writes to streams of its own.
 */
export interface ModelUniverse {
  readonly offerings: readonly OpenOffering[]
  readonly participants: readonly Nip[]
  readonly atasans: readonly Nip[]
  /**
   * Per offering, how far it is set up before the generated commands run: opened or not (most are), and how many
   * participants have requested a place in it, so approvals meet pending places and compete for capacity.
   */
  readonly setUp: readonly { readonly opened: boolean; readonly requests: number }[]
}

const arbOffering: fc.Arbitrary<OpenOffering> = fc
  .tuple(arbOpenOffering('offering'), fc.integer({ min: 1, max: 3 }))
  .map(([open, capacity]) => ({ ...open, data: { ...open.data, capacity } }))

/** A universe: two offerings and six distinct ASN (four participants, two atasan). */
export const arbModelUniverse: fc.Arbitrary<ModelUniverse> = fc
  .record({
    offerings: fc.array(arbOffering, { minLength: offeringCount, maxLength: offeringCount }),
    people: fc.uniqueArray(arbNip, { minLength: participantCount + 2, maxLength: participantCount + 2 }),
    setUp: fc.array(fc.record({ opened: fc.nat(4).map(n => n > 0), requests: fc.nat(participantCount) }), {
      minLength: offeringCount,
      maxLength: offeringCount,
    }),
  })
  .map(({ offerings, people, setUp }) => ({
    offerings,
    setUp,
    participants: people.slice(0, participantCount),
    atasans: people.slice(participantCount),
  }))

/** What a generated command does, before the run gives it its offering's id and instant. */
export type Intent =
  'open' | 'request' | 'nominate' | 'approve' | 'approve-by-self' | 'decline' | 'withdraw' | 'start' | 'cancel'

/** One command by indices: which offering, what, for which participant. */
export interface PlannedCommand {
  readonly offering: number
  readonly intent: Intent
  readonly participant: number
}

/** Intents weighted towards requests and approvals, so places fill up and capacity is contended. */
export const arbIntent: fc.Arbitrary<Intent> = fc.oneof(
  { arbitrary: fc.constant<Intent>('open'), weight: 1 },
  { arbitrary: fc.constant<Intent>('request'), weight: 4 },
  { arbitrary: fc.constant<Intent>('nominate'), weight: 1 },
  { arbitrary: fc.constant<Intent>('approve'), weight: 8 },
  { arbitrary: fc.constant<Intent>('approve-by-self'), weight: 1 },
  { arbitrary: fc.constant<Intent>('decline'), weight: 1 },
  { arbitrary: fc.constant<Intent>('withdraw'), weight: 2 },
  { arbitrary: fc.constant<Intent>('start'), weight: 1 },
  { arbitrary: fc.constant<Intent>('cancel'), weight: 1 },
)

export const arbPlannedCommand = (offering: fc.Arbitrary<number>): fc.Arbitrary<PlannedCommand> =>
  fc.record({ offering, intent: arbIntent, participant: fc.nat(participantCount - 1) })

export const arbOfferingIndex: fc.Arbitrary<number> = fc.nat(offeringCount - 1)

/** One line for a planned command, in the model's words: `approve p2 on o1`. */
export const plannedText = ({ offering, intent, participant }: PlannedCommand): string =>
  intent === 'open' || intent === 'start' || intent === 'cancel'
    ? `${intent} o${offering}`
    : intent === 'request' || intent === 'nominate'
      ? `${intent} p${participant} on o${offering}`
      : `${intent} place #${participant} on o${offering}`

const pad = (n: number): string => String(n).padStart(2, '0')
const at = (date: LocalDate, hour: number): Instant => instant(`${date}T${pad(hour)}:00:00+07:00`)

/** Names the universe's offerings `<runId>o<i>`, so a run never meets another run's streams on a shared store. */
export const forRun = (universe: ModelUniverse, runId: string): ModelUniverse => ({
  ...universe,
  offerings: universe.offerings.map((open, i) => ({ ...open, data: { ...open.data, offeringId: `${runId}o${i}` } })),
})

const at0 = <T>(items: readonly T[], index: number, what: string): T => {
  const item = items[index]
  if (item === undefined) throw new Error(`the model has no ${what} ${index}`)
  return item
}

/**
 * Whose place a planned command is about: a request names its participant; an approval or a decline the pending
 * place of that number (counting round), a withdrawal the pending or approved one, so most of them meet a place
 * (the participant named when there is none).
 */
const participantFor = (universe: ModelUniverse, planned: PlannedCommand, state: EnrollmentState): number => {
  const { intent, participant } = planned
  const targets =
    intent === 'approve' || intent === 'approve-by-self' || intent === 'decline'
      ? (['pending'] as const)
      : intent === 'withdraw'
        ? (['pending', 'approved'] as const)
        : []
  if (targets.length === 0 || state.status === 'unopened') return participant
  const places = placesOf(state).filter(place => targets.some(status => status === place.status))
  const place = places[participant % Math.max(1, places.length)]
  return place === undefined ? participant : universe.participants.indexOf(place.nip)
}

/**
 * The command a plan stands for: place changes ten days before the offering starts (their atasan approves, declines
 * and nominates; the participant requests and withdraws; the participant approving their own place is refused),
 * the start on the start date by the enrollment timer, a cancellation by the organiser.
 */
export const commandOf = (
  universe: ModelUniverse,
  planned: PlannedCommand,
  state: EnrollmentState,
): EnrollmentCommand => {
  const open = at0(universe.offerings, planned.offering, 'offering')
  const { offeringId, schedule } = open.data
  const participant = participantFor(universe, planned, state)
  const nip = at0(universe.participants, participant, 'participant')
  const atasanNip = at0(universe.atasans, participant % universe.atasans.length, 'atasan')
  const self: Actor = asnActor(nip, 'asn')
  const atasan: Actor = asnActor(atasanNip, 'asn', 'atasan')
  const before = at(addDays(schedule.start, -10), 9)
  const place = { offeringId, nip }
  switch (planned.intent) {
    case 'open':
      return open
    case 'request':
      return { type: 'RequestPlace', at: before, actor: self, data: { ...place, atasanNip } }
    case 'nominate':
      return { type: 'RequestPlace', at: before, actor: atasan, data: { ...place, atasanNip } }
    case 'approve':
      return { type: 'ApprovePlace', at: before, actor: atasan, data: place }
    case 'approve-by-self':
      return { type: 'ApprovePlace', at: before, actor: self, data: place }
    case 'decline':
      return { type: 'DeclinePlace', at: before, actor: atasan, data: { ...place, reason: 'beban kerja unit' } }
    case 'withdraw':
      return { type: 'WithdrawPlace', at: before, actor: self, data: place }
    case 'start':
      return {
        type: 'StartOffering',
        at: at(schedule.start, 7),
        actor: systemActor('enrollment-timer'),
        data: { offeringId },
      }
    case 'cancel':
      return {
        type: 'CancelOffering',
        at: at(addDays(schedule.start, -1), 20),
        actor: open.actor,
        data: { offeringId, reason: 'narasumber berhalangan' },
      }
  }
}
