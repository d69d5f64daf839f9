import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import { annualLearning, competencyDecider, fold, incentiveEligibility, openField } from '@pembina/core'
import { people } from './belawan/people.js'
import { reportLines } from './belawan/report.js'
import { runBelawanScenario, scenarioIds } from './belawan/scenario.js'

const run = await runBelawanScenario()
afterAll(async () => {
  await run.ledger.close()
})
const standing = async (nip: string) =>
  incentiveEligibility(fold(competencyDecider(run.config), await run.ledger.profile(nip)), 2026, run.config)

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

  it('fills and completes the training: two completed, one below minimum attendance', async () => {
    const outcomes = (await run.ledger.offering(scenarioIds.offeringId)).flatMap(event =>
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

  it('brings Rina past 20 JP with two activities, so she is eligible for the incentive', async () => {
    expect(await standing(people.rina.nip)).toMatchObject({
      eligible: true,
      creditedMinutes: 24 * 45 + 135,
      activities: 2,
    })
  })

  it('leaves Budi at 24 JP but not eligible with a single activity', async () => {
    expect(await standing(people.budi.nip)).toMatchObject({ eligible: false, creditedMinutes: 24 * 45, activities: 1 })
  })

  it('credits the mentee every session minute and the mentor an activity without JP', async () => {
    const decider = competencyDecider(run.config)
    const mentee = annualLearning(fold(decider, await run.ledger.profile(people.mentee.nip)), 2026)
    const mentor = annualLearning(fold(decider, await run.ledger.profile(people.mentor.nip)), 2026)
    expect(mentee.creditedMinutes).toBe(90 + 120 + 90 + 60)
    expect(mentor).toMatchObject({ creditedMinutes: 0, activities: [`mentor:${scenarioIds.mentorshipId}`] })
  })

  it('records one missed follow-up deadline and recommends M.05 to the handling officer', async () => {
    const events = await run.ledger.complaintEvents(scenarioIds.complaintId)
    const missed = events.filter(event => event.type === 'DeadlineMissed')
    expect(missed.map(event => event.data.stage)).toEqual(['follow-up'])
    const recommended = (await run.ledger.profile(people.officer.nip)).flatMap(event =>
      event.type === 'DevelopmentRecommended' ? [event.data.competency.code] : [],
    )
    expect(recommended).toEqual(['M.05'])
    expect(events.at(-1)?.type).toBe('ComplaintClosed')
  })

  it("keeps the complainant's identity and the complaint's texts out of every event in clear", async () => {
    const events = JSON.stringify(await run.ledger.complaintEvents(scenarioIds.complaintId))
    for (const clear of ['Siti Aminah', '0812-6000-1234', 'Antrean pendaftaran', 'Nomor antrean elektronik'])
      expect(events).not.toContain(clear)
    // What the scenario sealed opens again with the ledger's key store, for whoever may read it.
    const filed = (await run.ledger.complaintEvents(scenarioIds.complaintId))[0]
    const access = { who: '196608011988031001', purpose: 'menindaklanjuti pengaduan', at: '2026-04-07T09:00:00+07:00' }
    const opened =
      filed?.type === 'ComplaintFiled'
        ? await openField(run.ledger.keys, 'complainant', filed.data.complainant, access)()
        : null
    expect(opened).toEqual(E.right({ kind: 'clear', text: 'Siti Aminah' }))
  })

  it('prints every step and a standing line per profile', async () => {
    const lines = await reportLines(run)
    expect(lines.filter(line => /^ {2}[✓✗]/.test(line))).toHaveLength(run.steps.length)
    expect(lines.filter(line => line.includes(' JP / '))).toHaveLength((await run.ledger.profiles()).length)
  })

  it('shows the reactor’s credits under the steps that caused them', async () => {
    const lines = await reportLines(run)
    const policyLines = lines.filter(line => line.includes('✓ policy → competency-'))
    // Two completed places, four sessions (mentee and mentor each), one missed deadline.
    expect(policyLines).toHaveLength(2 + 4 * 2 + 1)
  })
})
