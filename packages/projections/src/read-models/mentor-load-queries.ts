import type { Nip, PolicyConfig } from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import { type HeldMentorship, type MentorLoadDocument, mentorLoadProjection } from './mentor-load.js'
import { listDocuments, readDocument } from './stored-document.js'

/** A mentor's load against the limit of active mentorships (`maxActiveMentees`, DOMAIN.md §3). */
export interface MentorLoad {
  readonly mentorNip: Nip
  /** Accepted mentorships not yet completed or ended: what the limit counts. */
  readonly activeMentorships: number
  /** Distinct mentees among them. */
  readonly activeMentees: number
  /** The limit in force (`config.mentorship.maxActiveMentees`). */
  readonly limit: number
  /** Whether the mentor may accept no further mentorship. */
  readonly atLimit: boolean
  /** Mentorships the mentor may still accept. */
  readonly placesLeft: number
  readonly active: readonly HeldMentorship[]
  /** Proposals waiting for the mentor's answer. */
  readonly proposed: readonly HeldMentorship[]
  readonly completed: number
  readonly ended: number
  readonly declined: number
}

const loadOf = (mentorNip: Nip, doc: MentorLoadDocument | undefined, config: PolicyConfig): MentorLoad => {
  const limit = config.mentorship.maxActiveMentees
  const held = doc?.held ?? []
  const activeMentorships = doc?.activeMentorships ?? 0
  return {
    mentorNip,
    activeMentorships,
    activeMentees: doc?.activeMentees ?? 0,
    limit,
    atLimit: activeMentorships >= limit,
    placesLeft: Math.max(0, limit - activeMentorships),
    active: held.filter(mentorship => mentorship.status === 'active'),
    proposed: held.filter(mentorship => mentorship.status === 'proposed'),
    completed: doc?.completed ?? 0,
    ended: doc?.ended ?? 0,
    declined: doc?.declined ?? 0,
  }
}

/**
 * One mentor's load. A mentor with no document was never proposed a mentorship, so holds none: the answer is an
 * empty load, not an absence, and its `activeMentorships` is what `AcceptMentorship` expects.
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
