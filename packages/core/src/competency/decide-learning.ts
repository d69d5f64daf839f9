import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { entryOf, mapGet } from '../kernel/index.js'
import { type Actor, hasAnyRole, hasRole, isAsn, jakartaDate, type PolicyConfig } from '../shared/index.js'
import type { CompetencyCommandOf } from './commands.js'
import type { CompetencyEvent } from './events.js'
import { type LearningSource, learningActivityKey, learningSourceKey, policyActivityKey } from './learning-source.js'
import { profileFor, requireActor } from './preconditions.js'
import { competencyRejections as reject, type CompetencyRejection } from './rejections.js'
import type { CompetencyState } from './state.js'

type Decision = E.Either<CompetencyRejection, readonly CompetencyEvent[]>

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

const isCreditedMinutes = (minutes: number): boolean => Number.isInteger(minutes) && minutes >= 0 && minutes <= 100_000

/** The minutes a source counts toward JP: a mentor's own sessions count only when the policy says so. */
const creditedMinutes = (source: LearningSource, minutes: number, config: PolicyConfig): number =>
  source.kind === 'mentoring-given' && config.mentorship.mentorCredit === 'activity' ? 0 : minutes

/** Credits learning once per source: the same source again changes nothing, whatever its other fields. */
export const creditLearning = (
  command: CompetencyCommandOf<'CreditLearning'>,
  state: CompetencyState,
  config: PolicyConfig,
): Decision => {
  const { nip, source, minutes, form, competency, completedOn, title } = command.data
  const creditor = creditors[source.kind]
  return pipe(
    requireActor(command.actor, actor => creditor.allowed(actor, nip), creditor.who),
    E.chain(() => profileFor(state, nip)),
    E.chain((profile): Decision => {
      const sourceKey = learningSourceKey(source)
      if (mapGet(profile.credits, sourceKey) !== undefined) return E.right([])
      if (!isCreditedMinutes(minutes)) return E.left(reject.minutesOutOfRange)
      if (completedOn > jakartaDate(command.at)) return E.left(reject.datedInFuture)
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
      return E.right([{ type: 'LearningCredited', data: competency === undefined ? data : { ...data, competency } }])
    }),
  )
}

/** Records a policy consultation as an activity, with the JP minutes the policy credits; once per consultation. */
export const recordPolicyParticipation = (
  command: CompetencyCommandOf<'RecordPolicyParticipation'>,
  state: CompetencyState,
  config: PolicyConfig,
): Decision =>
  pipe(
    requireActor(command.actor, actor => hasAnyRole(actor, ['pyb', 'atasan']), 'a pyb or an atasan'),
    E.chain(() => profileFor(state, command.data.nip)),
    E.chain((profile): Decision => {
      const { consultationId, title, participatedOn } = command.data
      if (entryOf(profile.policyParticipations, consultationId) !== undefined) return E.right([])
      if (participatedOn > jakartaDate(command.at)) return E.left(reject.datedInFuture)
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
      return E.right([{ type: 'PolicyParticipationRecorded', data }])
    }),
  )
