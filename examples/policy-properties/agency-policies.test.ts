// An agency's own policy properties, as a user suite would state them with @pembina/testkit: the library's invariants
// checked under the agency's configuration (verifyPolicies), and two rules of its own stated in a few lines over
// generated histories, one of them across the streams the policies connect. When a rule breaks, the failure shows the
// smallest history that breaks it, one line per command in the domain's words.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { complaint, exampleIndonesianHolidays2026, jakartaDate, policyConfig } from '@pembina/core'
import {
  creditsTraceToSources,
  forAllCrossHistories,
  forAllHistories,
  formatVerdicts,
  verifyPolicies,
} from '@pembina/testkit'

// Dinas Kesehatan Kota Medan, say: 24 JP a year for every ASN, 75 % attendance to complete a training, and the
// national holidays of 2026 as non-working days for complaint deadlines.
const agency = policyConfig({
  annualMinimumJp: { PNS: 24, PPPK: 24 },
  minimumAttendance: 0.75,
  holidays: exampleIndonesianHolidays2026,
})

describe('our policies (Dinas Kesehatan, Belawan)', { timeout: 120_000 }, () => {
  it('the library’s invariants hold under our configuration', () => {
    const verdicts = verifyPolicies(agency, { numRuns: 100, seed: 2026 })
    // On failure the message is the report: each broken invariant with its minimal history.
    expect(
      verdicts.every(verdict => verdict.holds),
      formatVerdicts(verdicts),
    ).toBe(true)
  })

  it('a verification deadline never falls on a weekend or one of our holidays', () => {
    fc.assert(
      forAllHistories(complaint, agency, (_state, events) =>
        events.every(
          event =>
            event.type !== 'DeadlineMissed' ||
            event.data.stage !== 'verification' ||
            agency.calendar.isWorkingDay(jakartaDate(event.data.dueAt)),
        ),
      ),
      { seed: 2026, numRuns: 200 },
    )
  })

  it('every JP credited traces to a completed place or a logged session', () => {
    fc.assert(forAllCrossHistories(agency, creditsTraceToSources), { seed: 2026, numRuns: 100 })
  })
})
