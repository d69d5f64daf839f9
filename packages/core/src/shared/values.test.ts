import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeWith } from '../kernel/decode.js'
import { compareRanks } from './rank.js'
import { Competency, competencyName } from './competency-code.js'
import { formatJp, jpToMinutes, Minutes, minutesToJp } from './minutes.js'
import { PositionType } from './position.js'
import { learningMode } from './learning-form.js'

const rulesOf = <A, O>(codec: Parameters<typeof decodeWith<A, O>>[0], input: unknown): readonly string[] => {
  const result = decodeWith(codec)(input)
  return E.isLeft(result) ? result.left.issues.map(issue => `${issue.path}: ${issue.rule}`) : []
}

describe('competency codes (PP 11/2017; PermenPANRB 38/2017)', () => {
  it('manajerial competencies are M.01 to M.08, named', () => {
    expect(rulesOf(Competency, { type: 'manajerial', code: 'M.05' })).toEqual([])
    expect(competencyName({ type: 'manajerial', code: 'M.05' })).toBe('Pelayanan Publik')
    expect(rulesOf(Competency, { type: 'manajerial', code: 'M.09' })).toEqual([
      'code: must be one of M.01, M.02, M.03, M.04, M.05, M.06, M.07, M.08',
    ])
  })

  it('the sosial-kultural competency is SK.01 Perekat Bangsa', () => {
    expect(competencyName({ type: 'sosial-kultural', code: 'SK.01' })).toBe('Perekat Bangsa')
    expect(rulesOf(Competency, { type: 'sosial-kultural', code: 'SK.02' })).toEqual(['code: must be one of SK.01'])
  })

  it('teknis codes are free codes of each agency, never a manajerial or sosial-kultural code', () => {
    for (const good of ['T.KES.07', 't.kes.07', 'TKES07', 'kes-imunisasi/2026', 'Pelayanan.Imunisasi'])
      expect(rulesOf(Competency, { type: 'teknis', code: good }), good).toEqual([])
    for (const bad of ['', 'T KES 07', ' T.KES.07', 'M.01', 'SK.01', 'T.KES\u000007', 'T\u200bKES', 'x'.repeat(101)])
      expect(rulesOf(Competency, { type: 'teknis', code: bad }), bad).toEqual([
        'code: must be a teknis code of 1 to 100 visible characters without spaces, not M.01-M.08 or SK.01',
      ])
  })

  it('a competency of an unknown type is refused at its type field', () => {
    expect(rulesOf(Competency, { type: 'teknikal', code: 'T.KES.07' })).toEqual([
      'type: must be one of manajerial, sosial-kultural, teknis',
    ])
  })
})

describe('position types (UU 20/2023 Pasal 13, 18)', () => {
  it('manajerial positions are JPT, administrator or pengawas; fungsional ones carry their level', () => {
    expect(rulesOf(PositionType, { kind: 'manajerial', level: 'pengawas' })).toEqual([])
    expect(rulesOf(PositionType, { kind: 'fungsional-ahli', level: 'madya' })).toEqual([])
    expect(rulesOf(PositionType, { kind: 'fungsional-keterampilan', level: 'penyelia' })).toEqual([])
    expect(rulesOf(PositionType, { kind: 'pelaksana' })).toEqual([])
  })

  it('a level that does not belong to the position type is refused', () => {
    expect(rulesOf(PositionType, { kind: 'fungsional-ahli', level: 'terampil' })).toEqual([
      'level: must be one of pertama, muda, madya, utama',
    ])
    expect(rulesOf(PositionType, { kind: 'direktur' })).toEqual([
      'kind: must be one of manajerial, fungsional-ahli, fungsional-keterampilan, pelaksana',
    ])
  })
})

describe('learning time (PerLAN 5/2018)', () => {
  it('1 JP is 45 minutes', () => {
    expect(minutesToJp(45)).toBe(1)
    expect(jpToMinutes(24)).toBe(1080)
  })

  it('reports show JP with one decimal, never rounding up to a minimum not yet met', () => {
    expect(formatJp(900)).toBe('20.0 JP')
    expect(formatJp(899)).toBe('19.9 JP')
    expect(formatJp(135)).toBe('3.0 JP')
    expect(formatJp(0)).toBe('0.0 JP')
  })

  it('durations are whole minutes', () => {
    expect(rulesOf(Minutes, 90)).toEqual([])
    expect(rulesOf(Minutes, 1.5)).toEqual([': must be a whole number of minutes from 1 to 100000'])
  })

  it('forms are klasikal or nonklasikal (PP 11/2017 Pasal 210-212)', () => {
    expect(learningMode('bimtek')).toBe('klasikal')
    expect(learningMode('mentoring')).toBe('nonklasikal')
  })
})

describe('ranks (golongan/pangkat)', () => {
  it('are ordered from I/a to IV/e', () => {
    expect(compareRanks('III/a', 'III/b')).toBeLessThan(0)
    expect(compareRanks('IV/e', 'I/a')).toBeGreaterThan(0)
  })
})
