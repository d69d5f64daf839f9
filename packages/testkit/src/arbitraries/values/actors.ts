import fc from 'fast-check'
import {
  type Actor,
  type AsnActor,
  type AsnStanding,
  type Instant,
  type LocalDate,
  type Nip,
  type PersonnelFacts,
  type PolicyConfig,
  type Rank,
  type Role,
  type TrackingTokenDigest,
  defaultPolicy,
  instant,
  localDate,
  nipAppointmentMonth,
  ranks,
  roles as allRoles,
  trackingTokenDigestOf,
} from '@pembina/core'
import { arbInstant } from '../shared.js'
import { arbNipParts, arbValidNip, nipFromParts } from './nip.js'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** A citizen who issued a command (complaints only). */
export type CitizenActor = Extract<Actor, { readonly kind: 'citizen' }>
/** The system, for a policy or a timer. */
export type SystemActor = Extract<Actor, { readonly kind: 'system' }>

/**
 * ASN actors with a valid NIP: with exactly the given roles, or (without) any subset of the roles, none included (a
 * login with no role is still an actor the codec accepts; the deciders refuse it where a role is needed).
 */
export const arbAsnActor = (roles?: readonly Role[]): fc.Arbitrary<AsnActor> =>
  fc.record({
    kind: fc.constant('asn' as const),
    nip: arbValidNip(),
    roles: roles === undefined ? fc.subarray([...allRoles]) : fc.constant([...roles]),
  })

/**
 * A tracking token as issued to an anonymous complainant (32 random bytes in base64url, as `issueTrackingToken` makes)
 * and its digest, which FileComplaint and the citizen actor carry.
 */
export const arbTrackingToken: fc.Arbitrary<{ readonly token: string; readonly digest: TrackingTokenDigest }> = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map(bytes => {
    const token = Buffer.from(bytes).toString('base64url')
    return { token, digest: trackingTokenDigestOf(token) }
  })

/** A citizen's pseudonym, the `subjectId` of a named citizen (`warga-0042`). */
export const arbCitizenSubjectId: fc.Arbitrary<string> = fc
  .integer({ min: 1, max: 9_999 })
  .map(n => `warga-${pad(n, 4)}`)

/**
 * Citizens: named (a pseudonym, `subjectId`) or anonymous (no pseudonym, the digest of the tracking token they were
 * given, which proves they filed the complaint). `anonymous` picks one kind; without it, either.
 */
export const arbCitizen = (options: { readonly anonymous?: boolean } = {}): fc.Arbitrary<CitizenActor> => {
  const named = arbCitizenSubjectId.map((subjectId): CitizenActor => ({ kind: 'citizen', subjectId }))
  const anonymous = arbTrackingToken.map(({ digest }): CitizenActor => ({
    kind: 'citizen',
    trackingTokenDigest: digest,
  }))
  if (options.anonymous === true) return anonymous
  if (options.anonymous === false) return named
  return fc.oneof(named, anonymous)
}

/** The processes that act as the system in Pembina: the reactor's policies and the complaint timer. */
export const systemProcesses = [
  'policy:credit-training',
  'policy:credit-mentoring',
  'policy:record-contract',
  'policy:recommend-development',
  'policy:mentor-capacity',
  'complaint-deadlines',
] as const

/** The system actor, for one of Pembina's processes (`systemProcesses`) or another named one (`timer:…`). */
export const arbSystemActor: fc.Arbitrary<SystemActor> = fc
  .oneof(
    { weight: 4, arbitrary: fc.constantFrom(...systemProcesses) },
    { weight: 1, arbitrary: fc.stringMatching(/^timer:[a-z][a-z-]{0,40}$/) },
  )
  .map((process): SystemActor => ({ kind: 'system', process }))

/** Any actor: an ASN with any roles, a citizen (named or anonymous) or the system. */
export const arbActor: fc.Arbitrary<Actor> = fc.oneof(arbAsnActor(), arbCitizen(), arbSystemActor)

/**
 * A small cast of people whose relations agree: an ASN, their direct atasan, a PyB, a mentor senior to the ASN by the
 * configuration's rule and a complaint desk officer, all with distinct NIPs, and the personnel facts that say so
 * (`facts`, as a command handler with a directory hands a decider at `asOf`).
 */
export interface ActorRelations {
  /** The ASN (role `asn`), a PNS. */
  readonly asn: AsnActor
  /** The ASN's direct atasan (roles `asn`, `atasan`); the facts name them the ASN's and the mentor's atasan. */
  readonly atasan: AsnActor
  /** An authorised official (roles `asn`, `pyb`), the head of the unit: the atasan's atasan, with none of their own. */
  readonly pyb: AsnActor
  /**
   * A mentor (roles `asn`, `mentor`) appointed at least `mentorship.minSeniorityYears` before the ASN (by NIP and by
   * record), of the ASN's rank or higher.
   */
  readonly mentor: AsnActor
  /** A complaint desk officer (roles `asn`, `admin-pengaduan`). */
  readonly desk: AsnActor
  /** The unit they all serve in. */
  readonly unitId: string
  /** The ranks they hold (all PNS). */
  readonly ranks: {
    readonly asn: Rank
    readonly atasan: Rank
    readonly pyb: Rank
    readonly mentor: Rank
    readonly desk: Rank
  }
  /** The personnel registry's facts about them at `asOf`: each serving, appointed on the 1st of their TMT month. */
  readonly facts: PersonnelFacts
  /** The instant the facts hold at (in 2026). */
  readonly asOf: Instant
}

const tmtDate = (nip: Nip): LocalDate => {
  const { year, month } = nipAppointmentMonth(nip)
  return localDate(`${pad(year, 4)}-${pad(month ?? 1, 2)}-01`)
}

const standing = (nip: Nip, rank: Rank, unitId: string, positionId: string, atasanNip: Nip | null): AsnStanding => ({
  nip,
  employeeType: 'PNS',
  appointedOn: tmtDate(nip),
  rank,
  unitId,
  positionId,
  atasanNip,
  contract: null,
  contracts: [],
  active: true,
})

// When the unit of a cast was set up with its positions: before anyone in it was appointed.
const unitEstablished = instant('1950-01-01T08:00:00+07:00')

// The NIP of a colleague appointed by the end of 2025.
const arbColleague = arbValidNip({ appointedBy: '2025-12' })

const rankAtLeast = (floor: Rank): fc.Arbitrary<Rank> => fc.constantFrom(...ranks.slice(ranks.indexOf(floor)))

/**
 * A cast of an ASN, their direct atasan, a PyB, a mentor and a desk officer, consistent with each other and with
 * `config` (the mentor's seniority); see `ActorRelations`.
 */
export const arbActorRelations = (config: PolicyConfig = defaultPolicy): fc.Arbitrary<ActorRelations> => {
  const seniorityMonths = config.mentorship.minSeniorityYears * 12
  // The ASN appointed late enough (from 1998) that a mentor can be appointed years before, under any seniority rule.
  const asnParts = arbNipParts({ bornFrom: '1980-01-01', bornTo: '2004-12-31', appointedBy: '2025-12' })
  return asnParts
    .chain(asn => {
      const latestMentorTmt = asn.tmt.year * 12 + asn.tmt.month - 1 - seniorityMonths
      const appointedBy = `${pad(Math.floor(latestMentorTmt / 12), 4)}-${pad((latestMentorTmt % 12) + 1, 2)}`
      const bornFrom = `${pad(Math.floor(latestMentorTmt / 12) - 45, 4)}-01-01`
      return fc.record({
        asn: fc.constant(nipFromParts(asn)),
        mentor: arbValidNip({ bornFrom, appointedBy }),
        others: fc.tuple(arbColleague, arbColleague, arbColleague),
        asnRank: fc.constantFrom(...ranks.slice(0, 12)),
        unit: fc.constantFrom(
          { unitId: 'puskesmas-belawan', positions: ['kepala', 'perawat', 'bidan', 'pengadministrasi', 'dokter'] },
          {
            unitId: 'dinas-kesehatan',
            positions: ['kepala-dinas', 'sekretaris', 'analis-kebijakan', 'pengelola-data', 'humas'],
          },
          {
            unitId: 'kantor-camat-medan-belawan',
            positions: ['camat', 'sekretaris', 'pelaksana', 'kasi-pelayanan', 'staf-pengaduan'],
          },
        ),
        asOf: arbInstant('2026-01-01', '2026-12-31'),
      })
    })
    .filter(({ asn, mentor, others }) => new Set([asn, mentor, ...others]).size === 5)
    .chain(drawn =>
      fc
        .record({
          atasan: rankAtLeast(drawn.asnRank),
          pyb: rankAtLeast(drawn.asnRank),
          mentor: rankAtLeast(drawn.asnRank),
          desk: fc.constantFrom(...ranks.slice(0, 12)),
        })
        .map((higher): ActorRelations => {
          const [atasanNip, pybNip, deskNip] = drawn.others
          const [head, atasanPosition, asnPosition, deskPosition, mentorPosition] = drawn.unit.positions as readonly [
            string,
            string,
            string,
            string,
            string,
          ]
          const unitId = drawn.unit.unitId
          const people: Readonly<Record<string, AsnStanding>> = {
            [drawn.asn]: standing(drawn.asn, drawn.asnRank, unitId, asnPosition, atasanNip),
            [atasanNip]: standing(atasanNip, higher.atasan, unitId, atasanPosition, pybNip),
            [pybNip]: standing(pybNip, higher.pyb, unitId, head, null),
            [drawn.mentor]: standing(drawn.mentor, higher.mentor, unitId, mentorPosition, atasanNip),
            [deskNip]: standing(deskNip, higher.desk, unitId, deskPosition, pybNip),
          }
          return {
            asn: { kind: 'asn', nip: drawn.asn, roles: ['asn'] },
            atasan: { kind: 'asn', nip: atasanNip, roles: ['asn', 'atasan'] },
            pyb: { kind: 'asn', nip: pybNip, roles: ['asn', 'pyb'] },
            mentor: { kind: 'asn', nip: drawn.mentor, roles: ['asn', 'mentor'] },
            desk: { kind: 'asn', nip: deskNip, roles: ['asn', 'admin-pengaduan'] },
            unitId,
            ranks: {
              asn: drawn.asnRank,
              atasan: higher.atasan,
              pyb: higher.pyb,
              mentor: higher.mentor,
              desk: higher.desk,
            },
            facts: {
              people,
              units: {
                [unitId]: {
                  unitId,
                  name: unitId,
                  parentUnitId: null,
                  active: true,
                  positions: Object.fromEntries(
                    drawn.unit.positions.map(positionId => [
                      positionId,
                      {
                        title: positionId,
                        positionType:
                          positionId === head ? { kind: 'manajerial', level: 'administrator' } : { kind: 'pelaksana' },
                        addedAt: unitEstablished,
                      },
                    ]),
                  ),
                },
              },
            },
            asOf: drawn.asOf,
          }
        }),
    )
}
