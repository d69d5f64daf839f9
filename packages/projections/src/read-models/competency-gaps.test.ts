import {
  type Competency,
  type CompetencyCommand,
  competencyDecider,
  competencyGaps as coreGaps,
  defaultPolicy,
  instant,
  localDate,
  type Nip,
  nip,
} from '@pembina/core'
import { arbCompetencyHistory, competencyOfficials } from '@pembina/testkit'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { competencyGapsProjection } from './competency-gaps.js'
import { competencyGaps, competencyGapsOfUnit } from './competency-gaps-queries.js'
import { decided, foldProjection, inGlobalOrder, recorded, recordedProfile, storeOf } from './test-support.js'

const { pyb, assessor, system } = competencyOfficials
const sari = nip('199203152019032004')
const rudi = nip('198507122010011002')
const dewi = nip('199001012015032003')
const integritas: Competency = { type: 'manajerial', code: 'M.01' }
const pelayananPublik: Competency = { type: 'manajerial', code: 'M.05' }
const rekamMedis: Competency = { type: 'teknis', code: 'T.KES.07' }
// Each command a minute after the one before, from 2 February 2026 08:00 WIB.
let minutes = 0
const next = () => instant(new Date(Date.parse('2026-02-02T01:00:00Z') + 60_000 * minutes++).toISOString())

const register = (who: Nip, unit = 'Puskesmas Belawan'): CompetencyCommand => ({
  type: 'RegisterProfile',
  at: next(),
  actor: pyb,
  data: { nip: who, employeeType: 'PNS', unit, position: { kind: 'pelaksana' }, positionTitle: 'Perekam Medis' },
})
const standard = (who: Nip, ...lines: readonly (readonly [Competency, number])[]): CompetencyCommand => ({
  type: 'SetCompetencyStandard',
  at: next(),
  actor: pyb,
  data: { nip: who, standard: lines.map(([competency, requiredLevel]) => ({ competency, requiredLevel })) },
})
const assess = (who: Nip, assessmentId: string, competency: Competency, level: number): CompetencyCommand => ({
  type: 'AssessCompetency',
  at: next(),
  actor: assessor,
  data: { nip: who, assessmentId, competency, level },
})
const gapsStore = (...histories: readonly (readonly CompetencyCommand[])[]) =>
  storeOf({
    [competencyGapsProjection.name]: foldProjection(
      competencyGapsProjection,
      inGlobalOrder(
        histories.flatMap(commands => recordedProfile(decided(competencyDecider(defaultPolicy), commands))),
      ),
    ),
  })

describe('competency gaps', () => {
  it('the gap is the required level minus the latest assessed level, the whole level when not assessed', async () => {
    const store = gapsStore([
      register(sari),
      standard(sari, [integritas, 3], [pelayananPublik, 3], [rekamMedis, 4]),
      assess(sari, 'A-1', integritas, 3),
      assess(sari, 'A-2', pelayananPublik, 2),
    ])
    const gaps = await competencyGaps(store, sari)
    expect(gaps?.gaps.map(line => [line.competency.code, line.required, line.assessed, line.gap])).toEqual([
      ['M.01', 3, 3, 0],
      ['M.05', 3, 2, 1],
      ['T.KES.07', 4, null, 4],
    ])
    expect(gaps).toMatchObject({ standardSet: true, openGaps: 2, totalGap: 5 })
    expect(gaps?.gaps.map(line => line.name)).toEqual(['Integritas', 'Pelayanan Publik', null])
  })

  it('an assessment above the required level leaves no gap, never a negative one', async () => {
    const store = gapsStore([register(sari), standard(sari, [integritas, 2]), assess(sari, 'A-1', integritas, 4)])
    expect((await competencyGaps(store, sari))?.gaps).toMatchObject([{ required: 2, assessed: 4, gap: 0 }])
  })

  it('a later assessment of the same competency replaces the earlier one', async () => {
    const store = gapsStore([
      register(sari),
      standard(sari, [pelayananPublik, 4]),
      assess(sari, 'A-1', pelayananPublik, 2),
      assess(sari, 'A-2', pelayananPublik, 3),
    ])
    expect((await competencyGaps(store, sari))?.gaps).toMatchObject([{ assessed: 3, gap: 1 }])
  })

  it('a new standard replaces the old one, and the gaps follow it', async () => {
    const store = gapsStore([
      register(sari),
      standard(sari, [integritas, 3]),
      assess(sari, 'A-1', pelayananPublik, 2),
      standard(sari, [pelayananPublik, 3]),
    ])
    expect((await competencyGaps(store, sari))?.gaps).toMatchObject([
      { competency: pelayananPublik, assessed: 2, gap: 1 },
    ])
  })

  it('an ASN whose job has no standard yet has no gaps; a NIP without a profile is not known', async () => {
    const store = gapsStore([register(sari), assess(sari, 'A-1', integritas, 2)])
    expect(await competencyGaps(store, sari)).toMatchObject({ standardSet: false, gaps: [], openGaps: 0 })
    expect(await competencyGaps(store, rudi)).toBeUndefined()
  })

  it('credited learning does not touch the gaps', () => {
    const [, credited] = recorded(
      'competency-sari',
      decided(competencyDecider(defaultPolicy), [
        register(sari),
        {
          type: 'CreditLearning',
          at: next(),
          actor: system,
          data: {
            nip: sari,
            source: { kind: 'training', offeringId: 'OFF-1' },
            minutes: 90,
            form: 'e-learning',
            completedOn: localDate('2026-02-01'),
            title: 'Belajar',
          },
        },
      ]),
    )
    expect(credited === undefined ? ['missing'] : competencyGapsProjection.keysOf(credited)).toEqual([])
  })

  it('a unit’s gaps list its ASN with the most open gaps first', async () => {
    const store = gapsStore(
      [register(sari), standard(sari, [integritas, 3]), assess(sari, 'A-1', integritas, 3)],
      [register(rudi), standard(rudi, [integritas, 3], [pelayananPublik, 3])],
      [register(dewi, 'Kantor Camat Medan Belawan'), standard(dewi, [integritas, 5])],
    )
    const unit = await competencyGapsOfUnit(store, 'Puskesmas Belawan')
    expect(unit.map(gaps => [gaps.nip, gaps.openGaps])).toEqual([
      [rudi, 2],
      [sari, 0],
    ])
  })
})

describe('competency gaps properties', () => {
  it('for every reachable profile, the read model shows core’s gaps of the whole profile', async () => {
    await fc.assert(
      fc.asyncProperty(arbCompetencyHistory(defaultPolicy), async ({ events, state }) => {
        const docs = foldProjection(competencyGapsProjection, recorded('competency-p', events))
        if (state.status !== 'registered') {
          expect(docs.size).toBe(0)
          return
        }
        const gaps = await competencyGaps(storeOf({ [competencyGapsProjection.name]: docs }), state.nip)
        expect(gaps?.gaps.map(({ name: _name, ...line }) => line)).toEqual(coreGaps(state))
        expect(gaps?.openGaps).toBe(coreGaps(state).filter(line => line.gap > 0).length)
      }),
      { numRuns: 100 },
    )
  })
})
