import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeWith, formatDecodeFailure } from '../kernel/decode.js'
import { formatNip, Nip, nip, nipAppointmentMonth, nipBirthDate, nipGender, parseNip, seniorityMonths } from './nip.js'

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
    expect(segmentOf('196608011988131001')).toBe('appointment')
    expect(segmentOf('196608011966091001')).toBe('valid')
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
