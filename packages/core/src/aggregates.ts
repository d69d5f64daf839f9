import type * as E from 'fp-ts/lib/Either.js'
import { competency, type CompetencyCommand, type CompetencyEvent } from './competency/index.js'
import { complaint, type ComplaintCommand, type ComplaintEvent } from './complaint/index.js'
import { enrollment, type EnrollmentCommand, type EnrollmentEvent } from './enrollment/index.js'
import { parseStreamNameIn } from './kernel/index.js'
import { mentorRoster, type MentorRosterCommand, type MentorRosterEvent } from './mentor-roster/index.js'
import { mentorship, type MentorshipCommand, type MentorshipEvent } from './mentorship/index.js'
import {
  organisation,
  type OrganisationCommand,
  type OrganisationEvent,
  personnel,
  type PersonnelCommand,
  type PersonnelEvent,
} from './personnel/index.js'

/** Every aggregate Pembina writes, one stream kind each: a tool that walks every stream kind iterates this. */
export const aggregates = [
  organisation,
  personnel,
  enrollment,
  mentorship,
  mentorRoster,
  competency,
  complaint,
] as const

/** One of Pembina's aggregates. */
export type PembinaAggregate = (typeof aggregates)[number]

/** The categories of streams Pembina writes: one per aggregate. */
export type Category = PembinaAggregate['category']

/** Every category, in the order of `aggregates`. */
export const categories: readonly Category[] = aggregates.map(each => each.category)

/** Any event Pembina writes. */
export type PembinaEvent =
  | OrganisationEvent
  | PersonnelEvent
  | EnrollmentEvent
  | MentorshipEvent
  | MentorRosterEvent
  | CompetencyEvent
  | ComplaintEvent

/** Any command Pembina decides. */
export type PembinaCommand =
  | OrganisationCommand
  | PersonnelCommand
  | EnrollmentCommand
  | MentorshipCommand
  | MentorRosterCommand
  | CompetencyCommand
  | ComplaintCommand

/** Splits the name of one of Pembina's streams into its category and id, or says why it is not one. */
export const parseStreamName = (name: string): E.Either<string, { readonly category: Category; readonly id: string }> =>
  parseStreamNameIn(name, categories)
