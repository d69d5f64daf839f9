// An agency's policy check as a user writes it against the installed @pembina/testkit: a rule as given/when/then and
// an invariant as a property, the project's own fast-check driving testkit's generators. install.test.ts compiles
// it in a fresh npm project and runs it with plain node.
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { approvedPlaces, decodeWith, enrollment, policyConfig } from '@pembina/core'
import { arbEnrollmentHistory, deciderSpec } from '@pembina/testkit'

const config = policyConfig({ minimumAttendance: 0.75 })

const request = decodeWith(enrollment.commands)({
  type: 'RequestPlace',
  at: '2026-02-03T09:00:00+07:00',
  actor: { kind: 'asn', nip: '199203152019032004', roles: ['asn'] },
  data: { offeringId: 'bimtek-sanitasi-2026', nip: '199203152019032004', atasanNip: '197502152000122002' },
})
if (E.isLeft(request)) throw new Error('the command decodes')
deciderSpec(enrollment.decider(config)).given().when(request.right).thenRejects('offering-not-open')

fc.assert(
  fc.property(arbEnrollmentHistory(config), run =>
    run.steps.every(
      step => step.after.status === 'unopened' || approvedPlaces(step.after) <= step.after.terms.capacity,
    ),
  ),
  { seed: 42, numRuns: 20 },
)

console.log(JSON.stringify({ policyChecked: true }))
