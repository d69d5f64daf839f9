import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { mentorshipEvents } from './events.js'

const parties = { mentorNip: '197808172003121002', menteeNip: '199807012024032001' }

describe('mentorship events as stored by older versions', () => {
  it('an acceptance stored at v1 reads as v2 without the count of mentorships a client sent', () => {
    const stored = {
      type: 'MentorshipAccepted',
      schemaVersion: 1,
      data: {
        at: '2026-02-17T09:00:00+07:00',
        mentorshipId: 'dinkes-2026-001',
        form: 'mentoring',
        ...parties,
        mentorActiveMentorships: 0,
      },
    }
    const read = mentorshipEvents.decode(stored)
    expect(read).toEqual(
      E.right({
        type: 'MentorshipAccepted',
        data: { at: '2026-02-17T09:00:00+07:00', mentorshipId: 'dinkes-2026-001', form: 'mentoring', ...parties },
      }),
    )
    expect(E.map(mentorshipEvents.encode)(read)).toMatchObject(E.right({ schemaVersion: 2 }))
  })

  it('an ending stored at v1 reads as it was; v2 may also end from accepting, which v1 never held', () => {
    const ended = (endedFrom: string, schemaVersion: number) => ({
      type: 'MentorshipEnded',
      schemaVersion,
      data: { at: '2026-03-20T15:00:00+07:00', mentorshipId: 'm-1', ...parties, endedFrom, reason: 'Mutasi' },
    })
    expect(E.isRight(mentorshipEvents.decode(ended('active', 1)))).toBe(true)
    expect(E.isRight(mentorshipEvents.decode(ended('accepting', 2)))).toBe(true)
    expect(E.isRight(mentorshipEvents.decode(ended('declined', 2)))).toBe(false)
  })
})
