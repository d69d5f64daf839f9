// An agency's own policy suite, as a user would write it with @pembina/testkit: a rule as given/when/then,
// an invariant as a property over generated histories, both under the agency's configuration.
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, it } from 'vitest'
import {
  approvedPlaces,
  decodeWith,
  EnrollmentCommand,
  enrollmentDecider,
  formatDecodeFailure,
  policyConfig,
} from '@pembina/core'
import { arbEnrollmentHistory, deciderSpec, runScenario } from '@pembina/testkit'

const config = policyConfig({ minimumAttendance: 0.75 })
const decider = enrollmentDecider(config)

/** Commands arrive as JSON; decode them as the service would. */
const command = (input: unknown): EnrollmentCommand => {
  const decoded = decodeWith(EnrollmentCommand)(input)
  if (E.isLeft(decoded)) throw new Error(formatDecodeFailure(decoded.left))
  return decoded.right
}

const offeringId = 'bimtek-sanitasi-2026'
const admin = { kind: 'asn', nip: '196608011988031001', roles: ['asn', 'admin-pelatihan'] }
const atasan = { kind: 'asn', nip: '197502152000122002', roles: ['asn', 'atasan'] }
const rina = '199203152019032004'
const budi = '199001102015031002'

const open = command({
  type: 'OpenOffering',
  at: '2026-02-02T09:00:00+07:00',
  actor: admin,
  data: {
    offeringId,
    title: 'Bimtek Sanitasi Lingkungan Pesisir',
    provider: 'Dinas Kesehatan Kota Medan',
    venue: 'Puskesmas Belawan',
    form: 'bimtek',
    competency: { type: 'teknis', code: 'T.KES.07' },
    jp: 12,
    capacity: 1,
    schedule: { start: '2026-03-10', end: '2026-03-11' },
  },
})
const request = (nip: string) =>
  command({
    type: 'RequestPlace',
    at: '2026-02-03T09:00:00+07:00',
    actor: { kind: 'asn', nip, roles: ['asn'] },
    data: { offeringId, nip, atasanNip: atasan.nip },
  })
const approve = (nip: string) =>
  command({ type: 'ApprovePlace', at: '2026-02-04T09:00:00+07:00', actor: atasan, data: { offeringId, nip } })

describe('our training policy', () => {
  it('an approved place cannot exceed capacity', () => {
    const history = runScenario(decider, [open, request(rina), request(budi), approve(rina)]).events
    deciderSpec(decider)
      .given(...history)
      .when(approve(budi))
      .thenRejects('capacity-reached')
  })

  it('approving the same place twice changes nothing', () => {
    const history = runScenario(decider, [open, request(rina), approve(rina)]).events
    deciderSpec(decider)
      .given(...history)
      .when(approve(rina))
      .thenNothing()
  })

  it('approved places never exceed capacity in any reachable state (property)', () => {
    fc.assert(
      fc.property(arbEnrollmentHistory(config), run =>
        run.steps.every(
          step => step.after.status === 'unopened' || approvedPlaces(step.after) <= step.after.terms.capacity,
        ),
      ),
      { seed: 42, numRuns: 200 },
    )
  })
})
