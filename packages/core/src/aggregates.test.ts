import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { aggregates, categories, parseStreamName } from './aggregates.js'
import { competency, competencyRejections } from './competency/index.js'
import { complaintRejections } from './complaint/index.js'
import { enrollment, enrollmentRejections } from './enrollment/index.js'
import { mentorRoster, mentorRosterRejections } from './mentor-roster/index.js'
import { mentorshipRejections } from './mentorship/index.js'
import { organisationRejections, personnelRejections } from './personnel/index.js'
import { instant, nip, systemActor } from './shared/index.js'

describe('the aggregates', () => {
  it('give every rejection a user can meet its Indonesian term, distinct from its code', () => {
    const walk = <Code extends string>(catalog: {
      readonly codes: readonly Code[]
      readonly term: (code: Code) => string
    }) => catalog.codes.map(code => ({ code, term: catalog.term(code) }))
    const codes = [
      ...walk(organisationRejections),
      ...walk(personnelRejections),
      ...walk(enrollmentRejections),
      ...walk(mentorshipRejections),
      ...walk(mentorRosterRejections),
      ...walk(competencyRejections),
      ...walk(complaintRejections),
    ]
    expect(codes.length).toBeGreaterThan(70)
    const untermed = codes.filter(({ code, term }) => term.trim() === '' || term === code)
    expect(untermed).toEqual([])
  })

  it('are seven stream kinds, each with its own category and event types', () => {
    expect(categories).toEqual(['unit', 'asn', 'enrollment', 'mentorship', 'mentor', 'competency', 'complaint'])
    const types = aggregates.flatMap(each => each.events.schemas.map(schema => schema.type))
    expect(new Set(types).size).toBe(types.length)
  })

  it('name the stream a command addresses, and read the id back from it', () => {
    const sari = nip('199203152019032004')
    const register = competency.commands.decode({
      type: 'RegisterProfile',
      at: '2026-01-05T08:00:00+07:00',
      actor: { kind: 'asn', nip: '196608011988031001', roles: ['pyb'] },
      data: {
        nip: '19920315 201903 2 004',
        employeeType: 'PNS',
        unit: 'Puskesmas Belawan',
        position: { kind: 'pelaksana' },
        positionTitle: 'Pengelola Data',
      },
    })
    expect(E.map(competency.streamOf)(register)).toEqual(E.right('competency-199203152019032004'))
    expect(competency.idOfStream('competency-199203152019032004')).toEqual(E.right(sari))
    const start = {
      type: 'StartOffering',
      at: instant('2026-03-02T08:00:00+07:00'),
      actor: systemActor('tests'),
      data: { offeringId: 'pmwp-2026-ii' },
    } as const
    expect(enrollment.streamOf(start)).toBe('enrollment-pmwp-2026-ii')
  })

  it('refuse a stream of another category or an id their codec refuses', () => {
    expect(enrollment.streamName('pmwp-2026-ii')).toBe('enrollment-pmwp-2026-ii')
    expect(E.isLeft(enrollment.idOfStream('complaint-pmwp-2026-ii'))).toBe(true)
    expect(E.isLeft(competency.idOfStream('competency-123'))).toBe(true)
    expect(parseStreamName('mentorship-m-1')).toEqual(E.right({ category: 'mentorship', id: 'm-1' }))
    // A mentor's roster is told from a mentorship by the whole category before the first dash.
    expect(parseStreamName('mentor-197505122001121002')).toEqual(
      E.right({ category: 'mentor', id: '197505122001121002' }),
    )
    expect(mentorRoster.idOfStream('mentorship-197505122001121002')).toMatchObject({ _tag: 'Left' })
    expect(mentorRoster.idOfStream('mentor-197505122001121002')).toEqual(E.right(nip('197505122001121002')))
    expect(E.isLeft(parseStreamName('payroll-1'))).toBe(true)
  })
})
