import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeWith, formatDecodeFailure } from '../kernel/decode.js'
import {
  formatNip,
  niPppkCode,
  Nip,
  nip,
  nipAppointmentMonth,
  nipBirthDate,
  nipForm,
  nipGender,
  parseNip,
  seniorityMonths,
} from './nip.js'

const segmentOf = (text: string): string => {
  const result = parseNip(text)
  return E.isLeft(result) ? result.left.segment : 'valid'
}

describe('NIP (Perka BKN 22/2007)', () => {
  it('accepts the example NIP in its written forms, together, spaced or dotted, and reads its segments', () => {
    const value = nip('19660801 198803 1 001')
    expect(value).toBe('196608011988031001')
    for (const written of [
      '19660801.198803.1.001',
      ' 196608011988031001 ',
      '19660801 198803.1 001',
      '19660801198803 1 001',
    ])
      expect(parseNip(written)).toEqual(E.right(value))
    expect(nipBirthDate(value)).toBe('1966-08-01')
    expect(nipAppointmentMonth(value)).toEqual({ year: 1988, month: 3 })
    expect(nipGender(value)).toBe('male')
    expect(formatNip(value)).toBe('19660801 198803 1 001')
    expect(nipGender(nip('199203152019032004'))).toBe('female')
  })

  it('refuses a birth date of 30 February, naming the birth date segment', () => {
    const result = parseNip('196602301988031001')
    expect(segmentOf('196602301988031001')).toBe('birth-date')
    expect(E.isLeft(result) && result.left.message).toMatch(/birth date segment "19660230" is not a real calendar date/)
  })

  it('refuses gender digit 3, naming the gender digit', () => {
    expect(segmentOf('196608011988033001')).toBe('gender')
    const result = parseNip('196608011988033001')
    expect(E.isLeft(result) && result.left.message).toMatch(/gender digit must be 1 \(male\) or 2 \(female\), got 3/)
  })

  it('refuses sequence 000, naming the sequence', () => {
    expect(segmentOf('196608011988031000')).toBe('sequence')
  })

  it('refuses an appointment month that is not after the birth date', () => {
    expect(segmentOf('196608011966081001')).toBe('appointment')
    expect(segmentOf('196608011965121001')).toBe('appointment')
    expect(segmentOf('196608011988001001')).toBe('appointment')
    expect(segmentOf('196608011966091001')).toBe('valid')
    // Digits 13-14 above 12 are no month: the number reads as an NI PPPK, whose code registration checks.
    expect(nipForm(nip('196608011988131001'))).toBe('ni-pppk')
  })

  it('reads an NI PPPK: the NIP layout with a code for the month, its year after the birth date', () => {
    const value = nip('19910307 202221 1 001')
    expect(value).toBe('199103072022211001')
    expect(nipForm(value)).toBe('ni-pppk')
    expect(niPppkCode(value)).toBe('21')
    expect(nipAppointmentMonth(value)).toEqual({ year: 2022, month: null })
    expect(nipForm(nip('196608011988031001'))).toBe('nip')
    expect(niPppkCode(nip('196608011988031001'))).toBeNull()
    expect(segmentOf('199103071991211001')).toBe('appointment')
    expect(segmentOf('199103072022001001')).toBe('appointment')
  })

  it('counts the least seniority an NI PPPK allows: its year, as December for the senior and January for the junior', () => {
    // Appointed PPPK in 2018 against a NIP appointed March 2020: at least 15 months (December 2018 to March 2020).
    expect(seniorityMonths(nip('198001012018211001'), nip('199203152020032004'))).toBe(15)
    // A NIP of March 2020 over an NI PPPK of 2022: at most from March 2020 to January 2022, 22 months.
    expect(seniorityMonths(nip('199203152020032004'), nip('199103072022211001'))).toBe(22)
  })

  it('refuses anything but 18 digits', () => {
    for (const bad of [
      '',
      '1966080119880310',
      '1966080119880310011',
      '19660801198803100a',
      '1966 0801 198803 1 001',
      '19660801..198803.1.001',
      '19660801-198803-1-001',
      '19660801\t198803 1 001',
    ])
      expect(segmentOf(bad)).toBe('format')
  })

  it('decoding names the field and the wrong segment', () => {
    const result = decodeWith(Nip, 'nip')('196602301988031001')
    expect(E.isLeft(result) && formatDecodeFailure(result.left)).toBe(
      'nip: NIP birth date segment "19660230" is not a real calendar date',
    )
  })

  it('reads seniority from the appointment segments', () => {
    expect(seniorityMonths(nip('196608011988031001'), nip('199203152019032004'))).toBe((2019 - 1988) * 12)
    expect(seniorityMonths(nip('199203152019032004'), nip('196608011988031001'))).toBe(-(2019 - 1988) * 12)
  })

  it('never throws and accepts only 18-digit strings, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.anything(), u => {
        const result = Nip.decode(u)
        if (E.isRight(result)) expect(result.right).toMatch(/^\d{18}$/)
      }),
      { numRuns: 500, seed: 20261128 },
    )
  })
})
