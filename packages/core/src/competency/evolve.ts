import { absurd, emptyMap, mapSet } from '../kernel/index.js'
import { competencyKey, type ContractPeriod } from '../shared/index.js'
import type { CompetencyEvent, CompetencyEventOf } from './events.js'
import type { CompetencyProfile, CompetencyState, Employment } from './state.js'

const employmentOf = (data: CompetencyEventOf<'ProfileRegistered' | 'PositionChanged'>['data']): Employment => ({
  employeeType: data.employeeType,
  unit: data.unit,
  position: data.position,
  positionTitle: data.positionTitle,
  rank: data.rank ?? null,
})

/** Adds a contract period, kept by start; one starting the same day as a known one changes nothing. */
const withContract = (contracts: readonly ContractPeriod[], contract: ContractPeriod): readonly ContractPeriod[] =>
  contracts.some(known => known.start === contract.start)
    ? contracts
    : [...contracts, contract].sort((a, b) => (a.start < b.start ? -1 : 1))

const registered = (
  data: CompetencyEventOf<'ProfileRegistered'>['data'],
  contracts: readonly ContractPeriod[],
): CompetencyProfile => ({
  status: 'registered',
  nip: data.nip,
  registeredAt: data.at,
  registration: employmentOf(data),
  employment: employmentOf(data),
  standard: [],
  assessments: {},
  latestLevels: {},
  credits: emptyMap(),
  policyParticipations: {},
  plans: {},
  recommendations: {},
  contracts,
})

const evolveProfile = (profile: CompetencyProfile, event: CompetencyEvent): CompetencyProfile => {
  switch (event.type) {
    case 'ProfileRegistered':
      return profile // decide never registers twice; a stray duplicate changes nothing
    case 'PositionChanged':
      return { ...profile, employment: employmentOf(event.data) }
    case 'CompetencyStandardSet':
      return { ...profile, standard: event.data.standard }
    case 'CompetencyAssessed': {
      const { assessmentId, competency, level, assessorNip, at } = event.data
      const assessed = { assessmentId, competency, level, assessorNip, at }
      return {
        ...profile,
        assessments: { ...profile.assessments, [assessmentId]: assessed },
        latestLevels: { ...profile.latestLevels, [competencyKey(competency)]: assessed },
      }
    }
    case 'LearningCredited': {
      const { source, sourceKey, activityKey, minutes, form, competency, completedOn, year, title, at } = event.data
      const credit = { source, sourceKey, activityKey, minutes, form, competency: competency ?? null }
      return {
        ...profile,
        credits: mapSet(profile.credits, sourceKey, { ...credit, completedOn, year, title, at }),
      }
    }
    case 'ContractRecorded':
      return { ...profile, contracts: withContract(profile.contracts, event.data.contract) }
    case 'DevelopmentPlanned': {
      const { year, items, at } = event.data
      return { ...profile, plans: { ...profile.plans, [String(year)]: { year, items, plannedAt: at } } }
    }
    case 'DevelopmentRecommended': {
      const { recommendationId, competency, reason, at } = event.data
      return {
        ...profile,
        recommendations: {
          ...profile.recommendations,
          [recommendationId]: { recommendationId, competency, reason, at },
        },
      }
    }
    case 'PolicyParticipationRecorded': {
      const { consultationId, activityKey, title, participatedOn, year, minutes, at } = event.data
      const participation = { consultationId, activityKey, title, participatedOn, year, minutes, at }
      return { ...profile, policyParticipations: { ...profile.policyParticipations, [consultationId]: participation } }
    }
    default:
      return absurd(event)
  }
}

/** Applies one competency event to the state; total: an event that cannot apply leaves the state as it was. */
export const evolveCompetency = (state: CompetencyState, event: CompetencyEvent): CompetencyState => {
  if (state.status === 'registered') return evolveProfile(state, event)
  if (event.type === 'ContractRecorded')
    return { ...state, contracts: withContract(state.contracts, event.data.contract) }
  return event.type === 'ProfileRegistered' ? registered(event.data, state.contracts) : state
}
