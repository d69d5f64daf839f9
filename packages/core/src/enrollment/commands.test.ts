import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { decodeWith } from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { EnrollmentCommand } from './commands.js'
import { EnrollmentEvent, enrollmentEvents } from './events.js'

const decode = decodeWith(EnrollmentCommand)
const issuesOf = (input: unknown): readonly { path: string; rule: string }[] => {
  const result = decode(input)
  return E.isLeft(result) ? result.left.issues.map(({ path, rule }) => ({ path, rule })) : []
}

const actor = { kind: 'asn', nip: '197505052000031004', roles: ['admin-pelatihan'] }
const open = {
  type: 'OpenOffering',
  at: '2026-02-02T09:00:00+07:00',
  actor,
  data: {
    offeringId: 'pmwp-2026-ii',
    title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
    provider: 'BKPSDM Kota Medan',
    venue: 'Aula BKPSDM Kota Medan',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.04' },
    jp: 24,
    capacity: 30,
    schedule: { start: '2026-03-02', end: '2026-03-04' },
  },
}
const withData = (data: Record<string, unknown>) => ({ ...open, data: { ...open.data, ...data } })

describe('decoding enrollment commands', () => {
  it('a well-formed OpenOffering decodes, with the optional minimum attendance and pass mark', () => {
    expect(issuesOf(open)).toEqual([])
    expect(issuesOf(withData({ minimumAttendance: 0.75, passMark: 70 }))).toEqual([])
  })

  it('a capacity of 0 and a fractional JP are refused at their paths', () => {
    expect(issuesOf(withData({ capacity: 0, jp: 1.5 }))).toEqual([
      { path: 'data.jp', rule: 'must be a whole number from 1 to 200' },
      { path: 'data.capacity', rule: 'must be a whole number from 1 to 1000' },
    ])
  })

  it('a schedule ending before it starts is refused at data.schedule', () => {
    expect(issuesOf(withData({ schedule: { start: '2026-03-04', end: '2026-03-02' } }))).toEqual([
      {
        path: 'data.schedule',
        rule: 'start must not be after end, the run must span at most 366 days, and its session days (when given) must be distinct dates in order from start to end',
      },
    ])
  })

  it('a bad date inside the schedule is refused at its own path, without the intersection member index (issue 22)', () => {
    expect(issuesOf(withData({ schedule: { start: '2026-03-02', end: '2026-02-30' } }))).toEqual([
      { path: 'data.schedule.end', rule: 'must be a real calendar date written YYYY-MM-DD' },
    ])
    expect(
      issuesOf(withData({ schedule: { start: '2026-03-02', end: '2026-03-04', days: ['2026-03-02', 'x'] } })),
    ).toEqual([{ path: 'data.schedule.days.1', rule: 'must be a real calendar date written YYYY-MM-DD' }])
  })

  it('an offering id that cannot name a stream, and a minimum attendance above 1, are refused', () => {
    expect(issuesOf(withData({ offeringId: 'angkatan ii/2026', minimumAttendance: 1.2 }))).toEqual([
      {
        path: 'data.offeringId',
        rule: 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
      },
      { path: 'data.minimumAttendance', rule: 'must be a number above 0 and at most 1' },
    ])
  })

  it('a request with a malformed NIP and an unknown command type are refused at their paths', () => {
    const request = { type: 'RequestPlace', at: '2026-02-10T10:00:00+07:00', actor, data: {} }
    const issues = issuesOf({ ...request, data: { offeringId: 'x1', nip: '196602301988031001', atasanNip: 12 } })
    expect(issues.map(issue => issue.path)).toEqual(['data.nip', 'data.atasanNip'])
    expect(issues[0]?.rule).toMatch(/birth date/)
    const unknown = issuesOf({ ...request, type: 'EnrolParticipant' })
    expect(unknown.map(issue => issue.path)).toEqual(['type'])
    expect(unknown[0]?.rule).toMatch(/^must be one of OpenOffering, RequestPlace/)
  })

  it('attendance needs a real date and a boolean; a score must be 0 to 100', () => {
    const base = { at: '2026-03-02T16:00:00+07:00', actor }
    expect(
      issuesOf({
        ...base,
        type: 'RecordAttendance',
        data: { offeringId: 'x1', nip: '199203152019032004', date: '2026-02-30', present: 'ya' },
      }),
    ).toEqual([
      { path: 'data.date', rule: 'must be a real calendar date written YYYY-MM-DD' },
      { path: 'data.present', rule: 'must be boolean' },
    ])
    expect(
      issuesOf({
        ...base,
        type: 'RecordAssessment',
        data: { offeringId: 'x1', nip: '199203152019032004', score: 101 },
      }),
    ).toEqual([{ path: 'data.score', rule: 'must be a whole number from 0 to 100' }])
  })

  it('decoding arbitrary values as commands or events never throws (property)', () => {
    const decodeEvent = decodeWith(EnrollmentEvent)
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom('OpenOffering', 'RequestPlace', 'PlaceCompleted'), (u, type) => {
        expect(() => decode(u)).not.toThrow()
        expect(() => decodeEvent(u)).not.toThrow()
        expect(() => decode({ type, at: '2026-02-02T09:00:00+07:00', actor, data: u })).not.toThrow()
      }),
      { seed: 20260302, numRuns: 500 },
    )
  })

  it('the event registry lists every event type once, each with a one-sentence description', () => {
    expect(enrollmentEvents.schemas.map(schema => schema.type)).toHaveLength(12)
    for (const schema of enrollmentEvents.schemas) expect(schema.description).toMatch(/^[A-Z].*\.$/)
  })
})
