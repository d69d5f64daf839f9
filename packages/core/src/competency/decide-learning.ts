import { accept, entryOf, mapGet, nothing } from '../kernel/index.js'
import { actorName, directAtasanOf, type PersonnelFacts } from '../shared/index.js'
import { type Actor, hasAnyRole, hasRole, isAsn, jakartaDate, type PolicyConfig } from '../shared/index.js'
import { type CompetencyCommandOf, CreditedMinutes } from './commands.js'
import { type CompetencyDecision, onProfile } from './decision.js'
import { type LearningSource, learningActivityKey, learningSourceKey, policyActivityKey } from './learning-source.js'
import { competencyRejections } from './rejections.js'
import type { CompetencyState } from './state.js'

const { refuse } = competencyRejections

/** Who may credit each kind of source, and how the rejection names them. */
const creditors: {
  readonly [Kind in LearningSource['kind']]: {
    readonly allowed: (actor: Actor, nip: string) => boolean
    readonly who: string
  }
} = {
  training: {
    allowed: actor => actor.kind === 'system' || hasAnyRole(actor, ['pyb', 'admin-pelatihan']),
    who: 'the system, a pyb or a training admin',
  },
  'mentoring-session': { allowed: actor => actor.kind === 'system', who: 'the system (from a logged session)' },
  'mentoring-given': { allowed: actor => actor.kind === 'system', who: 'the system (from a logged session)' },
  // The atasan verifies a subordinate's self-report: nobody verifies their own.
  'self-reported': {
    allowed: (actor, nip) => hasRole(actor, 'atasan') && !isAsn(actor, nip),
    who: "the ASN's atasan (not the ASN)",
  },
}

/** The minutes a source counts toward JP: a mentor's own sessions count only when the policy says so. */
const creditedMinutes = (source: LearningSource, minutes: number, config: PolicyConfig): number =>
  source.kind === 'mentoring-given' && config.mentorship.mentorCredit === 'activity' ? 0 : minutes

/** Credits learning once per source: the same source again changes nothing, whatever its other fields. */
export const creditLearning = (
  command: CompetencyCommandOf<'CreditLearning'>,
  state: CompetencyState,
  config: PolicyConfig,
  facts?: PersonnelFacts,
): CompetencyDecision => {
  const { nip, source, minutes, form, competency, completedOn, title } = command.data
  if (source.kind === 'self-reported' && facts !== undefined) {
    // With the registry, only the direct atasan at the instant of verification verifies a self-report.
    const missing = directAtasanOf(facts, nip, command.actor)
    if (missing !== undefined)
      return missing.code === 'not-direct-atasan'
        ? refuse('not-direct-atasan', actorName(command.actor), nip, missing.atasanNip ?? 'none')
        : refuse(missing.code, missing.nip)
  } else {
    const creditor = creditors[source.kind]
    if (!creditor.allowed(command.actor, nip)) return refuse('actor-not-allowed', creditor.who)
  }
  return onProfile(state, nip, profile => {
    const sourceKey = learningSourceKey(source)
    if (mapGet(profile.credits, sourceKey) !== undefined) return nothing
    if (!CreditedMinutes.is(minutes)) return refuse('minutes-out-of-range')
    if (completedOn > jakartaDate(command.at)) return refuse('dated-in-future')
    const data = {
      at: command.at,
      nip: profile.nip,
      source,
      sourceKey,
      activityKey: learningActivityKey(source),
      minutes: creditedMinutes(source, minutes, config),
      form,
      completedOn,
      year: Number(completedOn.slice(0, 4)),
      title,
    }
    return accept({ type: 'LearningCredited', data: competency === undefined ? data : { ...data, competency } })
  })
}

/** Records a policy consultation as an activity, with the JP minutes the policy credits; once per consultation. */
export const recordPolicyParticipation = (
  command: CompetencyCommandOf<'RecordPolicyParticipation'>,
  state: CompetencyState,
  config: PolicyConfig,
): CompetencyDecision => {
  if (!hasAnyRole(command.actor, ['pyb', 'atasan'])) return refuse('actor-not-allowed', 'a pyb or an atasan')
  return onProfile(state, command.data.nip, profile => {
    const { consultationId, title, participatedOn } = command.data
    if (entryOf(profile.policyParticipations, consultationId) !== undefined) return nothing
    if (participatedOn > jakartaDate(command.at)) return refuse('dated-in-future')
    const data = {
      at: command.at,
      nip: profile.nip,
      consultationId,
      title,
      participatedOn,
      year: Number(participatedOn.slice(0, 4)),
      minutes: config.learning.policyParticipationMinutes,
      activityKey: policyActivityKey(consultationId),
    }
    return accept({ type: 'PolicyParticipationRecorded', data })
  })
}
