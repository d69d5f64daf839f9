import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeWith } from '../kernel/index.js'
import { instant, localDate, nip } from '../shared/index.js'
import { CompetencyCommand } from './commands.js'
import { type CompetencyEvent, competencyEvents } from './events.js'

const decode = decodeWith(CompetencyCommand)
const issuesOf = (input: unknown): readonly { path: string; rule: string }[] => {
  const result = decode(input)
  return E.isLeft(result) ? result.left.issues.map(({ path, rule }) => ({ path, rule })) : []
}

const at = '2026-03-02T09:00:00+07:00'
const pyb = { kind: 'asn', nip: '196608011988031001', roles: ['pyb'] }
const system = { kind: 'system', process: 'enrollment-policy' }
const subject = '199001152015031002'
const credit = {
  type: 'CreditLearning',
  at,
  actor: system,
  data: {
    nip: subject,
    source: { kind: 'training', offeringId: 'manajemen-waktu-2026-II' },
    minutes: 1080,
    form: 'pelatihan-teknis',
    completedOn: '2026-02-27',
    title: 'Pelatihan Manajemen Waktu dan Produktivitas',
  },
}

describe('decoding competency commands', () => {
  it('a well-formed command decodes', () => {
    expect(E.isRight(decode(credit))).toBe(true)
  })

  it('an unknown command type is reported at `type`', () => {
    expect(issuesOf({ ...credit, type: 'CreditJp' })[0]?.path).toBe('type')
  })

  it('credited minutes are a whole number from 0 to 100000', () => {
    expect(issuesOf({ ...credit, data: { ...credit.data, minutes: -1 } })).toEqual([
      { path: 'data.minutes', rule: 'must be a whole number from 0 to 100000' },
    ])
  })

  it('a learning source names a known kind and its ids', () => {
    expect(issuesOf({ ...credit, data: { ...credit.data, source: { kind: 'webinar' } } })).toEqual([
      { path: 'data.source.kind', rule: 'must be one of training, mentoring-session, mentoring-given, self-reported' },
    ])
    const badSession = { kind: 'mentoring-session', mentorshipId: 'MS 1', sessionId: 'S-1' }
    expect(issuesOf({ ...credit, data: { ...credit.data, source: badSession } })[0]?.path).toBe(
      'data.source.mentorshipId',
    )
  })

  it('a completion date is a real calendar date and a form is one of the listed forms', () => {
    expect(issuesOf({ ...credit, data: { ...credit.data, completedOn: '2026-02-30', form: 'webinar' } })).toEqual([
      { path: 'data.form', rule: expect.stringContaining('must be one of pelatihan-kepemimpinan') as string },
      { path: 'data.completedOn', rule: 'must be a real calendar date written YYYY-MM-DD' },
    ])
  })

  it('learning and a consultation are dated in the years a learning year counts (2000 to 2100)', () => {
    // Before this rule a decider accepted 1999 and wrote a year its own event codec refuses on read.
    expect(issuesOf({ ...credit, data: { ...credit.data, completedOn: '1999-06-01' } })).toEqual([
      { path: 'data.completedOn', rule: 'must be a date in the years 2000 to 2100' },
    ])
    const consultation = {
      type: 'RecordPolicyParticipation',
      at,
      actor: pyb,
      data: {
        nip: subject,
        consultationId: 'musrenbang-belawan-2026',
        title: 'Musrenbang',
        participatedOn: '2101-01-01',
      },
    }
    expect(issuesOf(consultation)).toEqual([
      { path: 'data.participatedOn', rule: 'must be a date in the years 2000 to 2100' },
    ])
    expect(issuesOf({ ...consultation, data: { ...consultation.data, participatedOn: '2026-02-10' } })).toEqual([])
  })

  it('a competency standard lists each competency once, at levels 1 to 5', () => {
    const line = { competency: { type: 'manajerial', code: 'M.01' }, requiredLevel: 3 }
    const standard = (lines: unknown) => ({
      type: 'SetCompetencyStandard',
      at,
      actor: pyb,
      data: { nip: subject, standard: lines },
    })
    expect(issuesOf(standard([line, line]))).toEqual([
      { path: 'data.standard', rule: 'must list 1 to 50 competencies with distinct codes' },
    ])
    expect(issuesOf(standard([{ ...line, requiredLevel: 6 }]))).toEqual([
      { path: 'data.standard.0.requiredLevel', rule: 'must be a whole number from 1 to 5' },
    ])
  })

  it('an assessment names a competency whose code belongs to its type', () => {
    const assess = {
      type: 'AssessCompetency',
      at,
      actor: pyb,
      data: { nip: subject, assessmentId: 'A-1', competency: { type: 'manajerial', code: 'M.09' }, level: 3 },
    }
    expect(issuesOf(assess)).toEqual([
      { path: 'data.competency.code', rule: 'must be one of M.01, M.02, M.03, M.04, M.05, M.06, M.07, M.08' },
    ])
  })

  it('a development plan lists 1 to 20 items, each with a basis', () => {
    const plan = (items: unknown) => ({
      type: 'PlanDevelopment',
      at,
      actor: pyb,
      data: { nip: subject, year: 2026, items },
    })
    expect(issuesOf(plan([]))).toEqual([{ path: 'data.items', rule: 'must list 1 to 20 items' }])
    const item = {
      competency: { type: 'teknis', code: 'T.KES.07' },
      form: 'bimtek',
      plannedMinutes: 900,
      basis: 'hunch',
    }
    expect(issuesOf(plan([item]))).toEqual([
      { path: 'data.items.0.basis', rule: 'must be one of competency-gap, performance-gap' },
    ])
  })

  it('a registration names a valid NIP and position', () => {
    const register = {
      type: 'RegisterProfile',
      at,
      actor: pyb,
      data: {
        nip: '199013152015031002',
        employeeType: 'PNS',
        unit: 'Puskesmas Belawan',
        position: { kind: 'pelaksana' },
        positionTitle: ' ',
      },
    }
    expect(issuesOf(register).map(issue => issue.path)).toEqual(['data.nip', 'data.positionTitle'])
  })

  it('decoding any value never throws', () => {
    fc.assert(
      fc.property(fc.anything(), input => {
        decode(input)
        decode({ ...credit, data: input })
        competencyEvents.decode({ type: 'LearningCredited', data: input, schemaVersion: 1 })
      }),
      { seed: 20260302, numRuns: 500 },
    )
  })
})

describe('event registry', () => {
  it('every competency event type is registered once, at version 1, with a description', () => {
    expect(competencyEvents.schemas.map(schema => [schema.type, schema.version])).toEqual(
      [
        'ProfileRegistered',
        'PositionChanged',
        'CompetencyStandardSet',
        'CompetencyAssessed',
        'LearningCredited',
        'DevelopmentPlanned',
        'DevelopmentRecommended',
        'PolicyParticipationRecorded',
        'ContractRecorded',
      ].map(type => [type, 1]),
    )
  })

  it('an event encodes and decodes back to itself', () => {
    const event: CompetencyEvent = {
      type: 'PolicyParticipationRecorded',
      data: {
        at: instant(at),
        nip: nip(subject),
        consultationId: 'KONS-1',
        title: 'Konsultasi publik',
        participatedOn: localDate('2026-02-20'),
        year: 2026,
        minutes: 0,
        activityKey: 'policy:KONS-1',
      },
    }
    expect(competencyEvents.decode(competencyEvents.encode(event))).toEqual(E.right(event))
  })
})
