import * as E from 'fp-ts/lib/Either.js'
import { competency, type CompetencyCommand } from '../competency/index.js'
import { absurd, type DecodeFailure, decodeWith, type StreamName } from '../kernel/index.js'
import { mentorRoster, type MentorRosterCommand } from '../mentor-roster/index.js'
import { mentorship, type MentorshipCommand } from '../mentorship/index.js'
import type { Nip } from '../shared/index.js'

/**
 * A command a policy asks for, the aggregate it goes to (`category`) and the stream it is for. Policies write to
 * competency profiles (credits, recommendations), to mentorships and to mentors' rosters (the mentor capacity).
 */
export type PolicyCommand =
  | {
      readonly category: 'competency'
      readonly stream: StreamName<'competency'>
      readonly command: CompetencyCommand
    }
  | {
      readonly category: 'mentorship'
      readonly stream: StreamName<'mentorship'>
      readonly command: MentorshipCommand
    }
  | {
      readonly category: 'mentor'
      readonly stream: StreamName<'mentor'>
      readonly command: MentorRosterCommand
    }

/** The aggregates a policy may write to, by category. */
export type PolicyTarget = PolicyCommand['category']

/** Every aggregate a policy may write to, by category. */
export const policyTargets: readonly PolicyTarget[] = ['competency', 'mentorship', 'mentor']

/** Addresses a competency command to the profile of the ASN it names. */
export const toProfile = (nip: Nip, command: CompetencyCommand): PolicyCommand => ({
  category: 'competency',
  stream: competency.streamName(nip),
  command,
})

/** Addresses a mentorship command to the mentorship it names. */
export const toMentorship = (command: MentorshipCommand): PolicyCommand => ({
  category: 'mentorship',
  stream: mentorship.streamOf(command),
  command,
})

/** Addresses a roster command to the roster of the mentor it names. */
export const toMentorRoster = (command: MentorRosterCommand): PolicyCommand => ({
  category: 'mentor',
  stream: mentorRoster.streamOf(command),
  command,
})

/** The command of a policy command as its aggregate's codec writes it (JSON-ready): for a parked list. */
export const encodePolicyCommand = (asked: PolicyCommand): unknown => {
  switch (asked.category) {
    case 'competency':
      return competency.commands.encode(asked.command)
    case 'mentorship':
      return mentorship.commands.encode(asked.command)
    case 'mentor':
      return mentorRoster.commands.encode(asked.command)
    default:
      return absurd(asked)
  }
}

/**
 * A command stored as JSON (a parked one) decoded again for the aggregate of `category`, addressed to the stream it
 * names; a failure says what does not decode.
 */
export const decodePolicyCommand = (category: PolicyTarget, input: unknown): E.Either<DecodeFailure, PolicyCommand> => {
  switch (category) {
    case 'competency':
      return E.map((command: CompetencyCommand) => toProfile(command.data.nip, command))(
        decodeWith(competency.commands)(input),
      )
    case 'mentorship':
      return E.map(toMentorship)(decodeWith(mentorship.commands)(input))
    case 'mentor':
      return E.map(toMentorRoster)(decodeWith(mentorRoster.commands)(input))
    default:
      return absurd(category)
  }
}

/** Keeps generated titles within the 200 characters a credit's title allows. */
export const shortTitle = (title: string): string => (title.length <= 200 ? title : `${title.slice(0, 199)}…`)
