import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { type Actor, competencyKey } from '../shared/index.js'
import { type CompetencyCommandOf, isValidStandard } from './commands.js'
import type { CompetencyEvent } from './events.js'
import { isLevel, profileFor, requireRole } from './preconditions.js'
import { entryOf, sameJson } from '../kernel/index.js'
import { competencyRejections as reject, type CompetencyRejection } from './rejections.js'
import type { CompetencyState, Employment } from './state.js'

type Decision = E.Either<CompetencyRejection, readonly CompetencyEvent[]>

const byPyb = (actor: Actor) => requireRole(actor, ['pyb'], 'a pyb (authorised official)')

const rankFits = (employment: Employment): boolean => employment.employeeType === 'PNS' || employment.rank === null

const withRank = <Data extends object>(data: Data, rank: Employment['rank']) =>
  rank === null ? data : { ...data, rank }

/** Registers a profile; the same registration again changes nothing, a different one is refused. */
export const registerProfile = (command: CompetencyCommandOf<'RegisterProfile'>, state: CompetencyState): Decision =>
  pipe(
    byPyb(command.actor),
    E.chain((): Decision => {
      const { nip, employeeType, unit, position, positionTitle, rank } = command.data
      const employment: Employment = { employeeType, unit, position, positionTitle, rank: rank ?? null }
      if (state.status === 'registered') {
        if (state.nip !== nip) return E.left(reject.nipMismatch(state.nip, nip))
        return sameJson(state.registration, employment) ? E.right([]) : E.left(reject.profileAlreadyRegistered)
      }
      if (!rankFits(employment)) return E.left(reject.rankNotForPppk)
      const data = withRank({ at: command.at, nip, employeeType, unit, position, positionTitle }, employment.rank)
      return E.right([{ type: 'ProfileRegistered', data }])
    }),
  )

/** Records a new position; unit and rank stay as they were unless given; the current position again changes nothing. */
export const changePosition = (command: CompetencyCommandOf<'ChangePosition'>, state: CompetencyState): Decision =>
  pipe(
    byPyb(command.actor),
    E.chain(() => profileFor(state, command.data.nip)),
    E.chain((profile): Decision => {
      const { position, positionTitle, unit, rank } = command.data
      const current = profile.employment
      const next: Employment = {
        ...current,
        position,
        positionTitle,
        unit: unit ?? current.unit,
        rank: rank ?? current.rank,
      }
      if (!rankFits(next)) return E.left(reject.rankNotForPppk)
      if (sameJson(next, current)) return E.right([])
      const { employeeType } = next
      const data = withRank(
        { at: command.at, nip: profile.nip, employeeType, unit: next.unit, position, positionTitle },
        next.rank,
      )
      return E.right([{ type: 'PositionChanged', data }])
    }),
  )

const standardKey = (standard: CompetencyCommandOf<'SetCompetencyStandard'>['data']['standard']): unknown =>
  [...standard]
    .map(line => ({ ...line, key: competencyKey(line.competency) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))

/** Sets the job's competency standard, replacing the earlier one; the same standard (in any order) changes nothing. */
export const setCompetencyStandard = (
  command: CompetencyCommandOf<'SetCompetencyStandard'>,
  state: CompetencyState,
): Decision =>
  pipe(
    byPyb(command.actor),
    E.chain(() => profileFor(state, command.data.nip)),
    E.chain((profile): Decision => {
      const { standard } = command.data
      if (!isValidStandard(standard)) return E.left(reject.standardInvalid)
      if (sameJson(standardKey(standard), standardKey(profile.standard))) return E.right([])
      return E.right([{ type: 'CompetencyStandardSet', data: { at: command.at, nip: profile.nip, standard } }])
    }),
  )

/** Records an assessor's assessment of one competency; the same assessment id again changes nothing. */
export const assessCompetency = (command: CompetencyCommandOf<'AssessCompetency'>, state: CompetencyState): Decision =>
  pipe(
    requireRole(command.actor, ['assessor'], 'an assessor'),
    E.chain(({ nip: assessorNip }) =>
      pipe(
        profileFor(state, command.data.nip),
        E.chain((profile): Decision => {
          const { assessmentId, competency, level } = command.data
          if (entryOf(profile.assessments, assessmentId) !== undefined) return E.right([])
          if (!isLevel(level)) return E.left(reject.levelOutOfRange)
          const data = { at: command.at, nip: profile.nip, assessmentId, competency, level, assessorNip }
          return E.right([{ type: 'CompetencyAssessed', data }])
        }),
      ),
    ),
  )
