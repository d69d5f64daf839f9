import { deciderSpec } from '@pembina/testkit'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  type Competency,
  defaultPolicy,
  instant,
  type Instant,
  type Nip,
  nip,
  type PolicyConfig,
  policyConfig,
  systemActor,
} from '../shared/index.js'
import type { CompetencyCommandOf, CompetencyRequirement, DevelopmentPlanItem } from './commands.js'
import { competencyDecider } from './decider.js'
import type { CompetencyEventOf } from './events.js'

const subject = nip('199001152015031002')
const other = nip('199203202016032001')
const pyb: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'pyb'] }
const assessor: Actor = { kind: 'asn', nip: nip('198001012005011003'), roles: ['asn', 'assessor'] }
const plainAsn: Actor = { kind: 'asn', nip: subject, roles: ['asn'] }
const system = systemActor('complaint-policy')
const at = instant('2026-03-02T09:00:00+07:00')
const later = instant('2026-04-06T10:00:00+07:00')
const integritas: Competency = { type: 'manajerial', code: 'M.01' }
const kesehatan: Competency = { type: 'teknis', code: 'T.KES.07' }

type Register = CompetencyCommandOf<'RegisterProfile'>
const registration: Register['data'] = {
  nip: subject,
  employeeType: 'PNS',
  unit: 'Puskesmas Belawan',
  position: { kind: 'fungsional-keterampilan', level: 'terampil' },
  positionTitle: 'Perawat Terampil',
  rank: 'II/c',
}
const register = (data: Partial<Register['data']> = {}, actor: Actor = pyb): Register => ({
  type: 'RegisterProfile',
  at,
  actor,
  data: { ...registration, ...data },
})
const registered: CompetencyEventOf<'ProfileRegistered'> = { type: 'ProfileRegistered', data: { at, ...registration } }

const setStandard = (standard: readonly CompetencyRequirement[], actor: Actor = pyb, when: Instant = later) => ({
  type: 'SetCompetencyStandard' as const,
  at: when,
  actor,
  data: { nip: subject, standard },
})
const standardSet = (standard: readonly CompetencyRequirement[]): CompetencyEventOf<'CompetencyStandardSet'> => ({
  type: 'CompetencyStandardSet',
  data: { at, nip: subject, standard },
})
const assess = (assessmentId: string, competency: Competency, level: number, actor: Actor = assessor) => ({
  type: 'AssessCompetency' as const,
  at: later,
  actor,
  data: { nip: subject, assessmentId, competency, level },
})
const assessed = (
  assessmentId: string,
  competency: Competency,
  level: number,
): CompetencyEventOf<'CompetencyAssessed'> => ({
  type: 'CompetencyAssessed',
  data: { at, nip: subject, assessmentId, competency, level, assessorNip: nip('198001012005011003') },
})
const plan = (year: number, items: readonly DevelopmentPlanItem[], actor: Actor = pyb) => ({
  type: 'PlanDevelopment' as const,
  at: later,
  actor,
  data: { nip: subject, year, items },
})
const gapItem = (competency: Competency): DevelopmentPlanItem => ({
  competency,
  form: 'pelatihan-teknis',
  plannedMinutes: 900,
  basis: 'competency-gap',
})

const spec = deciderSpec(competencyDecider(defaultPolicy))

describe('competency profile', () => {
  it('a pyb registers the competency profile of an ASN', () => {
    spec.given().when(register()).thenEvents([registered])
  })

  it('only a pyb registers a profile', () => {
    spec.given().when(register({}, plainAsn)).thenRejects('actor-not-allowed')
  })

  it('a PPPK holds no PNS rank', () => {
    spec
      .given()
      .when(register({ employeeType: 'PPPK' }))
      .thenRejects('rank-not-for-pppk')
  })

  it('registering the same profile again changes nothing', () => {
    spec.given(registered).when(register()).thenNothing()
  })

  it('a registered profile is not registered again with other data: the position is changed instead', () => {
    spec
      .given(registered)
      .when(register({ unit: 'Pustu Sicanang' }))
      .thenRejects('profile-already-registered')
  })

  it('every command but registration needs a registered profile', () => {
    spec
      .given()
      .when(setStandard([{ competency: integritas, requiredLevel: 3 }]))
      .thenRejects('profile-not-registered')
  })

  it('a command naming another ASN is refused in this profile', () => {
    spec
      .given(registered)
      .when({
        ...assess('A-1', integritas, 3),
        data: { nip: other, assessmentId: 'A-1', competency: integritas, level: 3 },
      })
      .thenRejects('nip-mismatch')
  })

  it('a change of position keeps the unit and rank unless they are given', () => {
    const change: CompetencyCommandOf<'ChangePosition'> = {
      type: 'ChangePosition',
      at: later,
      actor: pyb,
      data: {
        nip: subject,
        position: { kind: 'fungsional-keterampilan', level: 'mahir' },
        positionTitle: 'Perawat Mahir',
      },
    }
    spec
      .given(registered)
      .when(change)
      .thenEvents([{ type: 'PositionChanged', data: { ...registered.data, at: later, ...change.data } }])
  })

  it('changing to the current position changes nothing', () => {
    const { unit, position, positionTitle } = registration
    spec
      .given(registered)
      .when({ type: 'ChangePosition', at: later, actor: pyb, data: { nip: subject, unit, position, positionTitle } })
      .thenNothing()
  })
})

describe('NIP and NI PPPK at registration', () => {
  // An NI PPPK as published: born 7 March 1991, appointed PPPK in 2022, code 21 where a NIP has its month.
  const niPppk = nip('199103072022211001')
  const pppk = { employeeType: 'PPPK', position: { kind: 'pelaksana' } } as const
  // Registered as given: a PPPK holds no PNS rank, so the registration's rank is left out.
  const registerPppk = (number: Nip, config: PolicyConfig = defaultPolicy) =>
    deciderSpec(competencyDecider(config))
      .given()
      .when({
        type: 'RegisterProfile',
        at,
        actor: pyb,
        data: { ...pppk, nip: number, unit: registration.unit, positionTitle: 'Pengelola Layanan Kesehatan' },
      })

  it('a PPPK registers under an NI PPPK with an accepted code; a PNS never does', () => {
    expect(E.isRight(registerPppk(niPppk).result)).toBe(true)
    spec
      .given()
      .when(register({ nip: niPppk }))
      .thenRejects('ni-pppk-for-pns')
    // A PPPK may also hold a number of the NIP form.
    expect(E.isRight(registerPppk(subject).result)).toBe(true)
  })

  it('the codes an NI PPPK may carry are the agency’s configuration (default 21)', () => {
    const code31 = nip('199103072022311001')
    registerPppk(code31).thenRejects('unknown-ni-pppk-code')
    expect(E.isRight(registerPppk(code31, policyConfig({ niPppkCodes: ['21', '31'] })).result)).toBe(true)
  })
})

describe('competency standard and assessment', () => {
  const standard: readonly CompetencyRequirement[] = [
    { competency: integritas, requiredLevel: 3 },
    { competency: kesehatan, requiredLevel: 4 },
  ]

  it('a teknis competency outside the agency’s catalogue is refused in a standard, an assessment and a plan', () => {
    const catalogue = deciderSpec(
      competencyDecider(policyConfig({ teknisCompetencies: { 'T.KES.07': 'Pelayanan Kesehatan Dasar' } })),
    )
    const unknown: Competency = { type: 'teknis', code: 'T.KES.99' }
    expect(E.isRight(catalogue.given(registered).when(setStandard(standard)).result)).toBe(true)
    catalogue
      .given(registered)
      .when(setStandard([...standard, { competency: unknown, requiredLevel: 2 }]))
      .thenRejects('unknown-competency')
    catalogue
      .given(registered)
      .when(assess('a-1', unknown, 3))
      .thenRejects('unknown-competency')
    catalogue
      .given(registered, standardSet(standard))
      .when(plan(2026, [gapItem(unknown)]))
      .thenRejects('unknown-competency')
    // Without a catalogue (the default), any teknis code is taken.
    expect(E.isRight(spec.given(registered).when(assess('a-1', unknown, 3)).result)).toBe(true)
  })

  it("a pyb sets the job's competency standard, replacing the earlier one", () => {
    spec
      .given(registered, standardSet(standard))
      .when(setStandard([{ competency: kesehatan, requiredLevel: 5 }]))
      .thenEvents([
        {
          type: 'CompetencyStandardSet',
          data: { at: later, nip: subject, standard: [{ competency: kesehatan, requiredLevel: 5 }] },
        },
      ])
  })

  it('setting the same standard again, in any order, changes nothing', () => {
    spec
      .given(registered, standardSet(standard))
      .when(setStandard([...standard].reverse()))
      .thenNothing()
  })

  it('a standard names each competency once', () => {
    const twice = [standard[0], standard[0]].filter(line => line !== undefined)
    spec.given(registered).when(setStandard(twice)).thenRejects('standard-invalid')
  })

  it('only an assessor assesses a competency', () => {
    spec
      .given(registered)
      .when(assess('A-1', integritas, 3, pyb))
      .thenRejects('actor-not-allowed')
  })

  it('a competency level is from 1 to 5', () => {
    spec
      .given(registered)
      .when(assess('A-1', integritas, 6))
      .thenRejects('level-out-of-range')
  })

  it('the same assessment recorded again changes nothing', () => {
    spec
      .given(registered, assessed('A-1', integritas, 2))
      .when(assess('A-1', integritas, 4))
      .thenNothing()
  })
})

describe('annual development plan (HCDP)', () => {
  const standard = standardSet([
    { competency: integritas, requiredLevel: 3 },
    { competency: kesehatan, requiredLevel: 4 },
  ])

  it('a plan item resting on a competency gap needs a competency assessed below its required level', () => {
    spec
      .given(registered, standard, assessed('A-1', integritas, 3))
      .when(plan(2026, [gapItem(integritas)]))
      .thenRejects('no-competency-gap')
  })

  it('a competency of the standard not yet assessed has a gap', () => {
    spec
      .given(registered, standard, assessed('A-1', integritas, 3))
      .when(plan(2026, [gapItem(kesehatan)]))
      .thenEvents([
        { type: 'DevelopmentPlanned', data: { at: later, nip: subject, year: 2026, items: [gapItem(kesehatan)] } },
      ])
  })

  it('a competency outside the standard shows no gap', () => {
    spec
      .given(registered)
      .when(plan(2026, [gapItem(kesehatan)]))
      .thenRejects('no-competency-gap')
  })

  it('a plan resting on a performance gap needs no competency gap; a new plan for the year replaces the old one', () => {
    const items: readonly DevelopmentPlanItem[] = [
      { ...gapItem(integritas), basis: 'performance-gap', note: 'Laporan' },
    ]
    const planned: CompetencyEventOf<'DevelopmentPlanned'> = {
      type: 'DevelopmentPlanned',
      data: { at, nip: subject, year: 2026, items: [gapItem(kesehatan)] },
    }
    spec
      .given(registered, standard, planned)
      .when(plan(2026, items))
      .thenEvents([{ type: 'DevelopmentPlanned', data: { at: later, nip: subject, year: 2026, items } }])
  })

  it('the same plan again changes nothing', () => {
    const planned: CompetencyEventOf<'DevelopmentPlanned'> = {
      type: 'DevelopmentPlanned',
      data: { at, nip: subject, year: 2026, items: [gapItem(kesehatan)] },
    }
    spec
      .given(registered, standard, planned)
      .when(plan(2026, [gapItem(kesehatan)]))
      .thenNothing()
  })

  it('a plan is not drafted for a year that has passed', () => {
    spec
      .given(registered, standard)
      .when(plan(2025, [gapItem(kesehatan)]))
      .thenRejects('plan-for-past-year')
  })

  it('only a pyb drafts the development plan', () => {
    spec
      .given(registered, standard)
      .when(plan(2026, [gapItem(kesehatan)], assessor))
      .thenRejects('actor-not-allowed')
  })
})

describe('development recommendations', () => {
  const recommend = (actor: Actor) => ({
    type: 'RecommendDevelopment' as const,
    at: later,
    actor,
    data: {
      nip: subject,
      recommendationId: 'REC-1',
      competency: { type: 'manajerial', code: 'M.05' } satisfies Competency,
      reason: { kind: 'deadline-missed' as const, complaintId: 'C-2026-001', detail: 'Tindak lanjut terlambat' },
    },
  })

  it('only the system recommends development after a complaint, once per recommendation', () => {
    const recommended: CompetencyEventOf<'DevelopmentRecommended'> = {
      type: 'DevelopmentRecommended',
      data: { at: later, ...recommend(system).data },
    }
    spec.given(registered).when(recommend(pyb)).thenRejects('actor-not-allowed')
    spec.given(registered).when(recommend(system)).thenEvents([recommended])
    spec.given(registered, recommended).when(recommend(system)).thenNothing()
  })
})
