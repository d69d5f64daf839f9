// A minimal in-memory application around the deciders: decode → fold → decide → append, then the policies.
// The real command handler and stores (expected revisions, hash chain, SQLite) come with @pembina/sqlite.
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import {
  type Category,
  type CompetencyEvent,
  type ComplaintEvent,
  type DecodeFailure,
  type Decider,
  type EnrollmentEvent,
  type MentorshipEvent,
  type PembinaEvent,
  type PolicyConfig,
  type Rejection,
  CompetencyCommand,
  ComplaintCommand,
  EnrollmentCommand,
  MentorshipCommand,
  competencyDecider,
  complaintDecider,
  decodeWith,
  enrollmentDecider,
  fold,
  mentorshipDecider,
  reactTo,
} from '@pembina/core'

/** What became of one submitted command. */
export type Outcome =
  | {
      readonly kind: 'accepted'
      readonly stream: string
      readonly events: readonly PembinaEvent[]
      readonly reactions: readonly Outcome[]
    }
  | { readonly kind: 'rejected'; readonly stream: string; readonly type: string; readonly rejection: Rejection }
  | { readonly kind: 'invalid'; readonly stream: string; readonly failure: DecodeFailure }

interface Streams<Event> {
  readonly read: (id: string) => readonly Event[]
  readonly submit: (id: string, input: unknown) => E.Either<Outcome, readonly Event[]>
  readonly ids: () => readonly string[]
}

const streamsOf = <Command extends { readonly type: string }, Event, State, Reject extends Rejection>(
  category: Category,
  decider: Decider<Command, Event, State, Reject>,
  codec: t.Type<Command, unknown>,
): Streams<Event> => {
  const streams = new Map<string, readonly Event[]>()
  const read = (id: string): readonly Event[] => streams.get(id) ?? []
  return {
    read,
    ids: () => [...streams.keys()],
    submit: (id, input) => {
      const stream = `${category}-${id}`
      const command = decodeWith(codec)(input)
      if (E.isLeft(command)) return E.left({ kind: 'invalid', stream, failure: command.left })
      const history = read(id)
      const decision = decider.decide(command.right, fold(decider, history))
      if (E.isLeft(decision))
        return E.left({ kind: 'rejected', stream, type: command.right.type, rejection: decision.left })
      // All the command's events, or none: one assignment.
      streams.set(id, [...history, ...decision.right])
      return E.right(decision.right)
    },
  }
}

/** The four aggregates in memory, with the policies run after every accepted command. */
export interface Ledger {
  readonly enrollment: (offeringId: string, command: unknown) => Outcome
  readonly mentorship: (mentorshipId: string, command: unknown) => Outcome
  readonly competency: (nip: string, command: unknown) => Outcome
  readonly complaint: (complaintId: string, command: unknown) => Outcome
  readonly profile: (nip: string) => readonly CompetencyEvent[]
  readonly profiles: () => readonly string[]
  readonly offering: (offeringId: string) => readonly EnrollmentEvent[]
  readonly mentorshipEvents: (mentorshipId: string) => readonly MentorshipEvent[]
  readonly complaintEvents: (complaintId: string) => readonly ComplaintEvent[]
}

/** Creates an empty in-memory ledger under a policy configuration. */
export const ledger = (config: PolicyConfig): Ledger => {
  const enrollment = streamsOf('enrollment', enrollmentDecider(config), EnrollmentCommand)
  const mentorship = streamsOf('mentorship', mentorshipDecider(config), MentorshipCommand)
  const competency = streamsOf('competency', competencyDecider(config), CompetencyCommand)
  const complaint = streamsOf('complaint', complaintDecider(config), ComplaintCommand)

  const run = <Event extends PembinaEvent>(
    streams: Streams<Event>,
    category: Category,
    id: string,
    input: unknown,
  ): Outcome => {
    const result = streams.submit(id, input)
    if (E.isLeft(result)) return result.left
    const reactions = result.right.flatMap(event =>
      reactTo(event, config).map(({ stream, command }) =>
        run(competency, 'competency', stream.slice('competency-'.length), command),
      ),
    )
    return { kind: 'accepted', stream: `${category}-${id}`, events: result.right, reactions }
  }

  return {
    enrollment: (id, command) => run(enrollment, 'enrollment', id, command),
    mentorship: (id, command) => run(mentorship, 'mentorship', id, command),
    competency: (id, command) => run(competency, 'competency', id, command),
    complaint: (id, command) => run(complaint, 'complaint', id, command),
    profile: competency.read,
    profiles: competency.ids,
    offering: enrollment.read,
    mentorshipEvents: mentorship.read,
    complaintEvents: complaint.read,
  }
}
