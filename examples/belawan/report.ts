// Turns a scenario run into lines a person reads in a terminal.
import {
  type CompetencyState,
  type PembinaEvent,
  competencyDecider,
  fold,
  formatJp,
  incentiveEligibility,
} from '@pembina/core'
import type { Outcome } from './ledger.js'
import { nameOf } from './people.js'
import type { ScenarioRun } from './scenario.js'

const summary = (event: PembinaEvent): string => {
  switch (event.type) {
    case 'PlaceCompleted':
      return `${event.type}: ${nameOf(event.data.nip)}, ${event.data.attendedDays}/${event.data.sessionDays} days, ${formatJp(event.data.minutes)}`
    case 'PlaceNotCompleted':
      return `${event.type}: ${nameOf(event.data.nip)}, reason ${event.data.reason} (${event.data.attendedDays}/${event.data.sessionDays} days)`
    case 'LearningCredited':
      return `${event.type}: ${nameOf(event.data.nip)} ${event.data.minutes === 0 ? 'an activity (no JP)' : `+${formatJp(event.data.minutes)}`} from ${event.data.sourceKey}`
    case 'PlaceDeclined':
      return `${event.type}: ${nameOf(event.data.nip)}, ${event.data.reason}`
    case 'AttendanceRecorded':
      return `${event.type}: ${nameOf(event.data.nip)} ${event.data.present ? 'present' : 'absent'} on ${event.data.date}`
    case 'PolicyParticipationRecorded':
      return `${event.type}: ${nameOf(event.data.nip)}, ${event.data.title} (an activity)`
    case 'DeadlineMissed':
      return `${event.type}: ${event.data.stage} stage was due ${event.data.dueAt}${event.data.responsibleNip === undefined ? '' : `, responsible ${nameOf(event.data.responsibleNip)}`}`
    case 'DevelopmentRecommended':
      return `${event.type}: ${nameOf(event.data.nip)} should develop ${event.data.competency.code} (${event.data.reason.kind})`
    case 'MentorPlaceReserved':
      return `${event.type}: ${nameOf(event.data.mentorNip)} now holds ${event.data.activeAfter} mentorship place(s)`
    case 'MentorshipAcceptanceRefused':
      return `${event.type}: the mentor holds ${event.data.activeMentorships} of ${event.data.maxActiveMentees} places (kuota mentor penuh)`
    case 'ComplaintFiled':
      return `${event.type}: receipt ${event.data.trackingId}, received ${event.data.receivedAt}`
    default:
      return event.type
  }
}

const outcomeLines = (what: string, outcome: Outcome, indent: string): readonly string[] => {
  switch (outcome.kind) {
    case 'accepted':
      return [
        `${indent}✓ ${what}${outcome.events.length === 0 ? ' (no new events)' : ''}`,
        ...outcome.events.map(event => `${indent}    ${summary(event)}`),
        ...outcome.reactions.flatMap(reaction =>
          outcomeLines(`policy → ${reaction.stream}`, reaction, `${indent}    `),
        ),
      ]
    case 'rejected': {
      const { code, message, term } = outcome.rejection
      return [`${indent}✗ ${what}: refused, ${code}: ${message} (${term})`]
    }
    case 'invalid':
      return [`${indent}✗ ${what}: invalid input: ${outcome.failure.issues.map(i => `${i.path} ${i.rule}`).join('; ')}`]
  }
}

/** The scenario as printed lines: each step with its events and policy reactions, then the year's standing per ASN. */
export const reportLines = async (run: ScenarioRun): Promise<readonly string[]> => {
  const lines: string[] = []
  let section = ''
  for (const step of run.steps) {
    if (step.section !== section) {
      section = step.section
      lines.push('', section)
    }
    lines.push(...outcomeLines(step.what, step.outcome, '  '))
  }
  const decider = competencyDecider(run.config)
  lines.push('', 'Learning in 2026 against the annual minimum (PNS 20 JP, PPPK 24 JP) and the development incentive')
  for (const nip of await run.ledger.profiles()) {
    const state: CompetencyState = fold(decider, await run.ledger.profile(nip))
    const standing = incentiveEligibility(state, 2026, run.config)
    lines.push(
      `  ${nameOf(nip).padEnd(56)} ${formatJp(standing.creditedMinutes).padStart(8)} / ${formatJp(standing.minimumMinutes).padStart(7)}  ` +
        `${String(standing.activities).padStart(2)} ${standing.activities === 1 ? 'activity  ' : 'activities'}  ${standing.eligible ? 'eligible' : `not eligible: ${standing.reasons.join('; ')}`}`,
    )
  }
  return lines
}
