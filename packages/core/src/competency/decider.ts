import type { PersonnelFacts } from '../shared/index.js'
import { absurd, type Decider } from '../kernel/index.js'
import { checkedPolicy, type PolicyConfig } from '../shared/index.js'
import type { CompetencyCommand } from './commands.js'
import { planDevelopment, recommendDevelopment } from './decide-development.js'
import { creditLearning, recordPolicyParticipation } from './decide-learning.js'
import { recordContract } from './decide-contract.js'
import { assessCompetency, changePosition, registerProfile, setCompetencyStandard } from './decide-profile.js'
import type { CompetencyEvent } from './events.js'
import { evolveCompetency } from './evolve.js'
import type { CompetencyRejection } from './rejections.js'
import { type CompetencyState, initialCompetencyState } from './state.js'

/**
 * The competency profile of one ASN (stream `competency-<nip>`): employment, the job's competency standard,
 * assessments, learning credited once per source, policy participation, development plans and recommendations.
 */
export const competencyDecider = (
  config: PolicyConfig,
): Decider<CompetencyCommand, CompetencyEvent, CompetencyState, CompetencyRejection, PersonnelFacts> => {
  checkedPolicy(config)
  return {
    initialState: initialCompetencyState,
    decide: (command, state, facts) => {
      switch (command.type) {
        case 'RegisterProfile':
          return registerProfile(command, state, config)
        case 'ChangePosition':
          return changePosition(command, state)
        case 'SetCompetencyStandard':
          return setCompetencyStandard(command, state, config)
        case 'AssessCompetency':
          return assessCompetency(command, state, config)
        case 'CreditLearning':
          return creditLearning(command, state, config, facts)
        case 'PlanDevelopment':
          return planDevelopment(command, state, config)
        case 'RecommendDevelopment':
          return recommendDevelopment(command, state)
        case 'RecordPolicyParticipation':
          return recordPolicyParticipation(command, state, config)
        case 'RecordContract':
          return recordContract(command, state)
        default:
          return absurd(command)
      }
    },
    evolve: evolveCompetency,
  }
}
