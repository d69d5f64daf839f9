import fc from 'fast-check'
import {
  type Actor,
  type Competency,
  type Instant,
  type LocalDate,
  type Nip,
  type Rank,
  type Role,
  addDays,
  instant,
  localDate,
  nip,
  ranks,
} from '@pembina/core'

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/** Valid NIPs: real birth dates 1960–2000, appointment 18–35 years later, either gender, sequence 001–999. */
export const arbNip: fc.Arbitrary<Nip> = fc
  .record({
    birth: fc.date({
      min: new Date('1960-01-01T00:00:00Z'),
      max: new Date('2000-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    yearsLater: fc.integer({ min: 18, max: 35 }),
    month: fc.integer({ min: 1, max: 12 }),
    gender: fc.constantFrom(1, 2),
    sequence: fc.integer({ min: 1, max: 999 }),
  })
  .map(({ birth, yearsLater, month, gender, sequence }) =>
    nip(
      `${birth.toISOString().slice(0, 10).replace(/-/g, '')}${pad(birth.getUTCFullYear() + yearsLater, 4)}${pad(month, 2)}${gender}${pad(sequence, 3)}`,
    ),
  )

/** Local dates between two bounds (inclusive). */
export const arbLocalDate = (from = '2025-01-01', to = '2027-12-31'): fc.Arbitrary<LocalDate> => {
  const start = localDate(from)
  const span = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
  return fc.integer({ min: 0, max: span }).map(days => addDays(start, days))
}

/** Instants in WIB (+07:00) at whole minutes between two dates. */
export const arbInstant = (from = '2025-01-01', to = '2027-12-31'): fc.Arbitrary<Instant> =>
  fc
    .tuple(arbLocalDate(from, to), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([date, hour, minute]) => instant(`${date}T${pad(hour, 2)}:${pad(minute, 2)}:00+07:00`))

/** PNS ranks. */
export const arbRank: fc.Arbitrary<Rank> = fc.constantFrom(...ranks)

/** Competencies of every type, teknis codes from a small agency list. */
export const arbCompetency: fc.Arbitrary<Competency> = fc.oneof(
  fc
    .constantFrom('M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08')
    .map((code): Competency => ({ type: 'manajerial', code })),
  fc.constant<Competency>({ type: 'sosial-kultural', code: 'SK.01' }),
  fc.constantFrom('T.KES.01', 'T.KES.07', 'T.ADM.03').map((code): Competency => ({ type: 'teknis', code })),
)

/** An ASN actor with the given roles. */
export const asnActor = (nipValue: Nip, ...roles: readonly Role[]): Actor => ({ kind: 'asn', nip: nipValue, roles })

/** A strictly increasing list of `count` instants starting at `start`, each 1 minute to `maxGapDays` days after the last. */
export const arbTimeline = (count: number, start: Instant, maxGapDays = 10): fc.Arbitrary<readonly Instant[]> =>
  fc.array(fc.integer({ min: 1, max: maxGapDays * 24 * 60 }), { minLength: count, maxLength: count }).map(gaps => {
    let ms = Date.parse(start)
    return gaps.map(gap => {
      ms += gap * 60_000
      return instant(new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00'))
    })
  })
