import {
  decodeWith,
  formatDecodeFailure,
  Instant,
  jakartaYear,
  type KeyStore,
  markPersonalData,
  Nip,
  oneOf,
  type PolicyConfig,
  text,
} from '@pembina/core'
import {
  asnRecord,
  competencyGaps,
  competencyGapsOfUnit,
  complaintBoard,
  complaintBreachesByUnit,
  complaintOnBoard,
  incentiveEligibilityOfUnit,
  learningHours,
  learningHoursOfUnit,
  mentorLoad,
  mentorLoadList,
  offeringRoster,
  offeringRosterList,
  type ReadModelStore,
  staffOfUnit,
  unitList,
  unitOf,
} from '@pembina/projections'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Clock } from './clock.js'
import { PageQuery, pageOf, wholeNumberText } from './paging.js'

/** The answer of a read: 200 with the read model's value, 400 for a bad parameter, 404 when there is none. */
export interface ReadAnswer {
  readonly status: 200 | 400 | 404
  readonly body: unknown
}

/** What the reads need: the read models, the configuration the queries apply, the clock, and the key store. */
export interface ReadModels {
  readonly readModels: ReadModelStore
  readonly config: PolicyConfig
  readonly clock: Clock
  /** Only looked up, never opened: an envelope in a read model is shown as its marker (sealed or erased). */
  readonly keys: KeyStore
}

/** One GET route: its path (Fastify's syntax) and what it answers for the raw params and query. */
export interface ReadRoute {
  readonly path: string
  readonly answer: (readModels: ReadModels, params: unknown, query: unknown) => Promise<ReadAnswer>
}

const ok = (body: unknown): ReadAnswer => ({ status: 200, body })
const found = (what: string, body: unknown): ReadAnswer =>
  body === undefined ? { status: 404, body: { error: 'not-found', message: `no ${what}` } } : ok(body)

const route = <P, Q>(
  path: string,
  params: t.Type<P, unknown>,
  query: t.Type<Q, unknown>,
  run: (readModels: ReadModels, params: P, query: Q) => Promise<ReadAnswer>,
): ReadRoute => ({
  path,
  answer: async (readModels, rawParams, rawQuery) => {
    const p = decodeWith(params, 'path')(rawParams)
    if (E.isLeft(p)) return invalid(formatDecodeFailure(p.left), p.left.issues)
    const q = decodeWith(query, 'query')(rawQuery)
    if (E.isLeft(q)) return invalid(formatDecodeFailure(q.left), q.left.issues)
    const answer = await run(readModels, p.right, q.right)
    // An envelope anywhere in an answer (an ASN's NIK and phone) is shown as its marker, sealed or erased, never its
    // ciphertext; a lookup decrypts nothing, so it is no opening and leaves the decryption log alone.
    const marked = await markPersonalData(readModels.keys, answer.body)()
    if (E.isLeft(marked)) throw new Error(`key store: ${marked.left.message}`)
    return { ...answer, body: marked.right }
  },
})

const invalid = (message: string, issues: readonly { readonly path: string; readonly rule: string }[]): ReadAnswer => ({
  status: 400,
  body: { error: 'invalid-query', message, issues: issues.map(({ path, rule }) => ({ path, rule })) },
})

const Name = text(200, 'Name')
const Year = wholeNumberText(2000, 2100, 'Year')
const NoParams = t.type({})
const UnitParams = t.type({ unit: Name })
const NipParams = t.type({ nip: Nip })
const YearQuery = t.partial({ year: Year })
const PagedYearQuery = t.intersection([PageQuery, YearQuery])
const AsOfQuery = t.partial({ asOf: Instant })
const OfferingStatus = oneOf(['open', 'started', 'cancelled', 'closed'], 'OfferingStatus')

/** The year asked for, else this year in Asia/Jakarta. */
const yearOf = (readModels: ReadModels, query: { readonly year?: number }): number =>
  query.year ?? jakartaYear(readModels.clock())

/**
 * Every read the service serves, each a query of `@pembina/projections` over the standard read models; lists are paged
 * (`offset`, `limit`). `:unit` is a unit's name as the profiles and complaints hold it (`Puskesmas Belawan`),
 * `:unitId` a unit's id in the personnel registry (`puskesmas-belawan`).
 */
export const readRoutes: readonly ReadRoute[] = [
  route('/offerings', NoParams, t.intersection([PageQuery, t.partial({ status: OfferingStatus })]), async (r, _, q) =>
    ok(pageOf(await offeringRosterList(r.readModels, q.status), q)),
  ),
  route('/offerings/:offeringId', t.type({ offeringId: Name }), t.type({}), async (r, p) =>
    found(`offering ${p.offeringId}`, await offeringRoster(r.readModels, p.offeringId)),
  ),
  route('/learning-hours/:nip', NipParams, YearQuery, async (r, p, q) =>
    found(`competency profile for ${p.nip}`, await learningHours(r.readModels, p.nip, yearOf(r, q), r.config)),
  ),
  route('/units/:unit/learning-hours', UnitParams, PagedYearQuery, async (r, p, q) =>
    ok(pageOf(await learningHoursOfUnit(r.readModels, p.unit, yearOf(r, q), r.config), q)),
  ),
  route('/units/:unit/incentive-eligibility', UnitParams, PagedYearQuery, async (r, p, q) =>
    ok(pageOf(await incentiveEligibilityOfUnit(r.readModels, p.unit, yearOf(r, q), r.config), q)),
  ),
  route('/units/:unit/competency-gaps', UnitParams, PageQuery, async (r, p, q) =>
    ok(pageOf(await competencyGapsOfUnit(r.readModels, p.unit), q)),
  ),
  route('/units/:unit/complaint-board', UnitParams, t.intersection([PageQuery, AsOfQuery]), async (r, p, q) => {
    const board = await complaintBoard(r.readModels, p.unit, q.asOf ?? r.clock(), r.config)
    return ok({ ...board, open: pageOf(board.open, q) })
  }),
  route('/competency-gaps/:nip', NipParams, t.type({}), async (r, p) =>
    found(`competency profile for ${p.nip}`, await competencyGaps(r.readModels, p.nip)),
  ),
  route('/mentors', NoParams, PageQuery, async (r, _, q) =>
    ok(pageOf(await mentorLoadList(r.readModels, r.config), q)),
  ),
  route('/mentors/:nip', NipParams, t.type({}), async (r, p) => ok(await mentorLoad(r.readModels, p.nip, r.config))),
  route('/complaints/:complaintId', t.type({ complaintId: Name }), AsOfQuery, async (r, p, q) =>
    found(
      `complaint ${p.complaintId}`,
      await complaintOnBoard(r.readModels, p.complaintId, q.asOf ?? r.clock(), r.config),
    ),
  ),
  route('/complaint-breaches', NoParams, PageQuery, async (r, _, q) =>
    ok(pageOf(await complaintBreachesByUnit(r.readModels), q)),
  ),
  route('/personnel/units', NoParams, PageQuery, async (r, _, q) => ok(pageOf(await unitList(r.readModels), q))),
  route('/personnel/units/:unitId', t.type({ unitId: Name }), t.type({}), async (r, p) =>
    found(`unit ${p.unitId}`, await unitOf(r.readModels, p.unitId)),
  ),
  route('/personnel/units/:unitId/staff', t.type({ unitId: Name }), PageQuery, async (r, p, q) =>
    ok(pageOf(await staffOfUnit(r.readModels, p.unitId), q)),
  ),
  route('/personnel/asn/:nip', NipParams, t.type({}), async (r, p) =>
    found(`ASN record for ${p.nip}`, await asnRecord(r.readModels, p.nip)),
  ),
]
