import type { Nip, PolicyConfig } from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import { type HeldMentorship, type MentorLoadDocument, mentorLoadProjection } from './mentor-load.js'
import { listDocuments, readDocument } from './stored-document.js'

/** A mentor's load against the limit of active mentorships (`maxActiveMentees`, DOMAIN.md §3). */
export interface MentorLoad {
  readonly mentorNip: Nip
  /** Accepted mentorships not yet completed or ended. */
  readonly activeMentorships: number
  /** The places the mentor's roster holds: what the limit counts (decided in the roster's stream, not here). */
  readonly placesHeld: number
  /** Distinct mentees among them. */
  readonly activeMentees: number
  /** The limit in force (`config.mentorship.maxActiveMentees`). */
  readonly limit: number
  /** Whether an acceptance would now be refused for capacity (as of this read model). */
  readonly atLimit: boolean
  /** Mentorships the mentor may still accept (as of this read model). */
  readonly placesLeft: number
  readonly active: readonly HeldMentorship[]
  /** Acceptances waiting for a place. */
  readonly accepting: readonly HeldMentorship[]
  /** Proposals waiting for the mentor's answer. */
  readonly proposed: readonly HeldMentorship[]
  /** Acceptances refused because the mentor's places were all held. */
  readonly refusedForCapacity: number
  readonly completed: number
  readonly ended: number
  readonly declined: number
}

const loadOf = (mentorNip: Nip, doc: MentorLoadDocument | undefined, config: PolicyConfig): MentorLoad => {
  const limit = config.mentorship.maxActiveMentees
  const held = doc?.held ?? []
  const placesHeld = doc?.placesHeld ?? 0
  return {
    mentorNip,
    activeMentorships: doc?.activeMentorships ?? 0,
    placesHeld,
    activeMentees: doc?.activeMentees ?? 0,
    limit,
    atLimit: placesHeld >= limit,
    placesLeft: Math.max(0, limit - placesHeld),
    active: held.filter(mentorship => mentorship.status === 'active'),
    accepting: held.filter(mentorship => mentorship.status === 'accepting'),
    proposed: held.filter(mentorship => mentorship.status === 'proposed'),
    refusedForCapacity: doc?.refusedForCapacity ?? 0,
    completed: doc?.completed ?? 0,
    ended: doc?.ended ?? 0,
    declined: doc?.declined ?? 0,
  }
}

/**
 * One mentor's load. A mentor with no document was never proposed a mentorship, so holds none: the answer is an
 * empty load, not an absence. It is for display (who can take a mentee): the limit is kept by the mentor's roster
 * when the mentor accepts, whatever this read model says.
 */
export const mentorLoad = async (store: ReadModelStore, mentorNip: Nip, config: PolicyConfig): Promise<MentorLoad> =>
  loadOf(mentorNip, await readDocument(store, mentorLoadProjection, mentorNip), config)

/** Every mentor's load, the busiest first. */
export const mentorLoadList = async (store: ReadModelStore, config: PolicyConfig): Promise<readonly MentorLoad[]> => {
  const listed = await listDocuments(store, mentorLoadProjection, {
    orderBy: { field: 'activeMentorships', direction: 'desc' },
  })
  return listed.map(({ doc }) => loadOf(doc.mentorNip, doc, config))
}
