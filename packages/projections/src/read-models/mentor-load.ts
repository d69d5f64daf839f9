import {
  Instant,
  MentorshipForm,
  type MentorRosterEvent,
  type MentorshipEvent,
  MentorshipId,
  Nip,
  oneOf,
  text,
} from '@pembina/core'
import * as t from 'io-ts'
import type { Projection, ProjectedEvent } from '../projection.js'
import { byText, Count, nullable } from './document-values.js'
import { documentCodec } from './stored-document.js'

/** Codec for a mentorship a mentor holds: proposed to them, accepted and waiting for a place, or running. */
export const HeldMentorship = t.strict(
  {
    mentorshipId: MentorshipId,
    menteeNip: Nip,
    /** The unit named in the proposal. */
    unit: text(200),
    form: MentorshipForm,
    status: oneOf(['proposed', 'accepting', 'active'], 'HeldMentorshipStatus'),
    proposedAt: Instant,
    acceptedAt: nullable(Instant),
    /** Sessions logged so far, and their minutes. */
    sessions: Count,
    minutes: Count,
  },
  'HeldMentorship',
)
/** A mentorship a mentor holds. */
export type HeldMentorship = t.TypeOf<typeof HeldMentorship>

/** Codec for one mentor's load: the mentorships they hold, and how many ended in each way. */
export const MentorLoadDocument = documentCodec(
  t.strict(
    {
      mentorNip: Nip,
      /** Accepted mentorships (a place reserved) not yet completed or ended. */
      activeMentorships: Count,
      /**
       * The places the mentor's roster (`mentor-<nip>`) holds: what the limit `maxActiveMentees` counts, decided in
       * that stream; it runs ahead of `activeMentorships` by the acceptances whose place is reserved and not yet
       * confirmed.
       */
      placesHeld: Count,
      /** Acceptances the roster refused because the mentor's places were all held (kuota mentor penuh). */
      refusedForCapacity: Count,
      /** Distinct mentees among the active mentorships. */
      activeMentees: Count,
      /** Mentorships proposed to the mentor and not yet active or declined (acceptances waiting for a place among them). */
      proposedMentorships: Count,
      /** The proposed and active mentorships, by id. */
      held: t.readonlyArray(HeldMentorship),
      completed: Count,
      ended: Count,
      declined: Count,
    },
    'MentorLoad',
  ),
)
/** One mentor's load. */
export type MentorLoadDocument = t.TypeOf<typeof MentorLoadDocument>

type EventOf<Type extends MentorshipEvent['type']> = Extract<MentorshipEvent, { readonly type: Type }>

const noLoad = (mentorNip: Nip): MentorLoadDocument => ({
  mentorNip,
  activeMentorships: 0,
  activeMentees: 0,
  placesHeld: 0,
  refusedForCapacity: 0,
  proposedMentorships: 0,
  held: [],
  completed: 0,
  ended: 0,
  declined: 0,
})

const withCounts = (load: MentorLoadDocument): MentorLoadDocument => {
  const active = load.held.filter(mentorship => mentorship.status === 'active')
  return {
    ...load,
    activeMentorships: active.length,
    activeMentees: new Set(active.map(mentorship => mentorship.menteeNip)).size,
    proposedMentorships: load.held.length - active.length,
  }
}

const proposed = (load: MentorLoadDocument, { data }: EventOf<'MentorshipProposed'>): MentorLoadDocument =>
  load.held.some(mentorship => mentorship.mentorshipId === data.mentorshipId)
    ? load
    : {
        ...load,
        held: [
          ...load.held,
          {
            mentorshipId: data.mentorshipId,
            menteeNip: data.mentee.nip,
            unit: data.unit,
            form: data.form,
            status: 'proposed' as const,
            proposedAt: data.at,
            acceptedAt: null,
            sessions: 0,
            minutes: 0,
          },
        ].sort((a, b) => byText(a.mentorshipId, b.mentorshipId)),
      }

// Events about a mentorship the mentor does not hold (impossible in a decided history) leave the load as it was.
const onHeld = (
  load: MentorLoadDocument,
  mentorshipId: string,
  change: (mentorship: HeldMentorship) => HeldMentorship,
): MentorLoadDocument => ({
  ...load,
  held: load.held.map(mentorship => (mentorship.mentorshipId === mentorshipId ? change(mentorship) : mentorship)),
})

const released = (
  load: MentorLoadDocument,
  mentorshipId: string,
  outcome: 'completed' | 'ended' | 'declined',
): MentorLoadDocument => {
  const held = load.held.filter(mentorship => mentorship.mentorshipId !== mentorshipId)
  return held.length === load.held.length ? load : { ...load, held, [outcome]: load[outcome] + 1 }
}

const applied = (load: MentorLoadDocument, event: MentorshipEvent | MentorRosterEvent): MentorLoadDocument => {
  switch (event.type) {
    case 'MentorshipProposed':
      return proposed(load, event)
    case 'MentorshipAcceptanceRequested':
      return onHeld(load, event.data.mentorshipId, mentorship =>
        mentorship.status === 'proposed' ? { ...mentorship, status: 'accepting' } : mentorship,
      )
    case 'MentorshipAcceptanceRefused':
      return onHeld(load, event.data.mentorshipId, mentorship =>
        mentorship.status === 'accepting' ? { ...mentorship, status: 'proposed' } : mentorship,
      )
    case 'MentorPlaceReserved':
      return { ...load, placesHeld: load.placesHeld + 1 }
    case 'MentorPlaceRefused':
      return { ...load, refusedForCapacity: load.refusedForCapacity + 1 }
    case 'MentorPlaceReleased':
      return event.data.held ? { ...load, placesHeld: Math.max(0, load.placesHeld - 1) } : load
    case 'MentorshipAccepted':
      return onHeld(load, event.data.mentorshipId, mentorship => ({
        ...mentorship,
        status: 'active',
        acceptedAt: event.data.at,
      }))
    case 'SessionLogged':
      return onHeld(load, event.data.mentorshipId, mentorship => ({
        ...mentorship,
        sessions: mentorship.sessions + 1,
        minutes: mentorship.minutes + event.data.minutes,
      }))
    case 'MentorshipDeclined':
      return released(load, event.data.mentorshipId, 'declined')
    case 'MentorshipCompleted':
      return released(load, event.data.mentorshipId, 'completed')
    case 'MentorshipEnded':
      return released(load, event.data.mentorshipId, 'ended')
    case 'GoalAchieved':
      return load
  }
}

/** The mentor an event is about; a goal's achievement names no mentor and changes no load. */
const mentorOf = (
  event: ProjectedEvent['event'],
): { readonly nip: Nip; readonly event: MentorshipEvent | MentorRosterEvent } | undefined => {
  switch (event.type) {
    case 'MentorshipProposed':
      return { nip: event.data.mentor.nip, event }
    case 'MentorshipAcceptanceRequested':
    case 'MentorshipAcceptanceRefused':
    case 'MentorPlaceReserved':
    case 'MentorPlaceRefused':
    case 'MentorPlaceReleased':
    case 'MentorshipAccepted':
    case 'MentorshipDeclined':
    case 'SessionLogged':
    case 'MentorshipCompleted':
    case 'MentorshipEnded':
      return { nip: event.data.mentorNip, event }
    default:
      return undefined
  }
}

/** A mentor's document starts with a proposal to them, or with their roster (whose events answer a proposal). */
const startsLoad: ReadonlySet<string> = new Set([
  'MentorshipProposed',
  'MentorPlaceReserved',
  'MentorPlaceRefused',
  'MentorPlaceReleased',
])

/**
 * Mentor load (`mentor-load`): one document per mentor, keyed by NIP, with the mentorships proposed to them, waiting
 * for a place and running, how many they completed, ended or declined, and the places their roster holds. It shows
 * the load; the limit itself is kept by the mentor's roster stream (`mentor-<nip>`) when the mentor accepts, never
 * by this read model. Version 2 reads the rosters too.
 */
export const mentorLoadProjection: Projection<MentorLoadDocument> = {
  name: 'mentor-load',
  version: 2,
  categories: ['mentorship', 'mentor'],
  document: MentorLoadDocument,
  keysOf: ({ event }) => {
    const about = mentorOf(event)
    return about === undefined ? [] : [about.nip]
  },
  evolve: (load, { event }) => {
    const about = mentorOf(event)
    if (about === undefined) return load
    if (load === undefined && !startsLoad.has(about.event.type)) return undefined
    return withCounts(applied(load ?? noLoad(about.nip), about.event))
  },
}
