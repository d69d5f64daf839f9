import { describe, expect, it } from 'vitest'
import { annualLearning, competencyDecider, fold, incentiveEligibility } from '@pembina/core'
import { people } from './belawan/people.js'
import { reportLines } from './belawan/report.js'
import { runBelawanScenario, scenarioIds } from './belawan/scenario.js'

const run = runBelawanScenario()
const standing = (nip: string) =>
  incentiveEligibility(fold(competencyDecider(run.config), run.ledger.profile(nip)), 2026, run.config)

describe('the Belawan demo scenario', () => {
  it('refuses only what it means to: one over-capacity approval and one mistyped NIP', () => {
    const refused = run.steps.filter(step => step.outcome.kind !== 'accepted')
    expect(
      refused.map(step =>
        step.outcome.kind === 'rejected'
          ? step.outcome.rejection.code
          : step.outcome.kind === 'invalid'
            ? step.outcome.failure.issues.map(i => i.path).join()
            : '',
      ),
    ).toEqual(['data.nip', 'capacity-reached'])
  })

  it('fills and completes the training: two completed, one below minimum attendance', () => {
    const outcomes = run.ledger
      .offering(scenarioIds.offeringId)
      .flatMap(event =>
        event.type === 'PlaceCompleted'
          ? [`${event.data.nip} completed`]
          : event.type === 'PlaceNotCompleted'
            ? [`${event.data.nip} ${event.data.reason}`]
            : [],
      )
    expect(outcomes.sort()).toEqual(
      [`${people.budi.nip} completed`, `${people.rina.nip} completed`, `${people.sari.nip} attendance`].sort(),
    )
  })

  it('brings Rina past 20 JP with two activities, so she is eligible for the incentive', () => {
    expect(standing(people.rina.nip)).toMatchObject({ eligible: true, creditedMinutes: 24 * 45 + 135, activities: 2 })
  })

  it('leaves Budi at 24 JP but not eligible with a single activity', () => {
    expect(standing(people.budi.nip)).toMatchObject({ eligible: false, creditedMinutes: 24 * 45, activities: 1 })
  })

  it('credits the mentee every session minute and the mentor an activity without JP', () => {
    const mentee = annualLearning(fold(competencyDecider(run.config), run.ledger.profile(people.mentee.nip)), 2026)
    const mentor = annualLearning(fold(competencyDecider(run.config), run.ledger.profile(people.mentor.nip)), 2026)
    expect(mentee.creditedMinutes).toBe(90 + 120 + 90 + 60)
    expect(mentor).toMatchObject({ creditedMinutes: 0, activities: [`mentor:${scenarioIds.mentorshipId}`] })
  })

  it('records one missed follow-up deadline and recommends M.05 to the handling officer', () => {
    const missed = run.ledger.complaintEvents(scenarioIds.complaintId).filter(event => event.type === 'DeadlineMissed')
    expect(missed.map(event => event.data.stage)).toEqual(['follow-up'])
    const recommended = run.ledger
      .profile(people.officer.nip)
      .flatMap(event => (event.type === 'DevelopmentRecommended' ? [event.data.competency.code] : []))
    expect(recommended).toEqual(['M.05'])
    expect(run.ledger.complaintEvents(scenarioIds.complaintId).at(-1)?.type).toBe('ComplaintClosed')
  })

  it("keeps the complainant's identity out of every event in clear", () => {
    expect(JSON.stringify(run.ledger.complaintEvents(scenarioIds.complaintId))).not.toContain('sealed in the demo')
  })

  it('prints every step and a standing line per profile', () => {
    const lines = reportLines(run)
    expect(lines.filter(line => /^ {2}[✓✗]/.test(line))).toHaveLength(run.steps.length)
    expect(lines.filter(line => line.includes(' JP / '))).toHaveLength(run.ledger.profiles().length)
  })
})
