import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { Nip, nipAppointmentMonth, nipBirthDate, nipForm, nipGender, parseNip } from '@pembina/core'
import { describe, expect, it } from 'vitest'
import { arbImplausibleNip, arbInvalidNip, arbNipParts, arbValidNip, arbWrittenNip, invalidNipRules } from './nip.js'

const settings = { seed: 20_261_208, numRuns: 300 }

describe('NIP generators', () => {
  it('a NIP built from its parts decodes, and reads back as those parts', () => {
    fc.assert(
      fc.property(arbNipParts(), parts => {
        const digits = `${parts.birthDate.replace(/-/g, '')}${String(parts.tmt.year).padStart(4, '0')}${String(parts.tmt.month).padStart(2, '0')}${parts.sex}${String(parts.serial).padStart(3, '0')}`
        const decoded = Nip.decode(digits)
        expect(E.isRight(decoded)).toBe(true)
        if (E.isLeft(decoded)) return
        expect(nipForm(decoded.right)).toBe('nip')
        expect(nipBirthDate(decoded.right)).toBe(parts.birthDate)
        expect(nipAppointmentMonth(decoded.right)).toEqual(parts.tmt)
        expect(nipGender(decoded.right)).toBe(parts.sex === 1 ? 'male' : 'female')
      }),
      settings,
    )
  })

  it('valid NIPs are appointed at 18 or later and not after the month asked', () => {
    fc.assert(
      fc.property(arbNipParts({ appointedBy: '2010-06' }), ({ birthDate, tmt }) => {
        const born = Number(birthDate.slice(0, 4)) * 12 + Number(birthDate.slice(5, 7)) - 1
        const appointed = tmt.year * 12 + tmt.month - 1
        expect(appointed).toBeLessThanOrEqual(2010 * 12 + 5)
        expect(appointed - born).toBeGreaterThanOrEqual(18 * 12)
        if (appointed - born === 18 * 12) expect(birthDate.endsWith('-01')).toBe(true)
      }),
      settings,
    )
    expect(() => arbNipParts({ bornFrom: '2000-01-01', appointedBy: '2010-12' })).toThrow(RangeError)
  })

  it('every valid NIP decodes to itself, and every written form of it to the 18 digits', () => {
    fc.assert(
      fc.property(arbValidNip(), value => {
        expect(Nip.decode(value)).toEqual(E.right(value))
      }),
      settings,
    )
    fc.assert(
      fc.property(arbWrittenNip(), ({ value, nip }) => {
        expect(Nip.decode(value)).toEqual(E.right(nip))
      }),
      settings,
    )
  })

  it('every invalid NIP is refused, naming the segment it breaks', () => {
    fc.assert(
      fc.property(arbInvalidNip(), ({ value, broken }) => {
        const parsed = parseNip(value)
        expect(E.isLeft(parsed) && parsed.left.segment).toBe(broken)
        const decoded = Nip.decode(value)
        expect(E.isLeft(decoded)).toBe(true)
        if (E.isRight(decoded) || E.isRight(parsed)) return
        expect(decoded.left.map(error => error.message)).toEqual([parsed.left.message])
      }),
      { ...settings, numRuns: 600 },
    )
  })

  it('draws every rule, and only the rules asked for', () => {
    const drawn = new Set(fc.sample(arbInvalidNip(), { seed: settings.seed, numRuns: 1_000 }).map(({ rule }) => rule))
    expect([...drawn].sort()).toEqual([...invalidNipRules].sort())
    for (const rule of invalidNipRules)
      for (const each of fc.sample(arbInvalidNip(rule), { seed: settings.seed, numRuns: 30 })) {
        expect(each.rule).toBe(rule)
        expect(E.isLeft(parseNip(each.value))).toBe(true)
      }
  })

  it('implausible NIPs (appointed before 18, or in the future) are still accepted: the codec does not check them', () => {
    fc.assert(
      fc.property(arbImplausibleNip({ asOf: '2026-12' }), ({ value, implausible, parts }) => {
        expect(Nip.decode(value)).toEqual(E.right(value))
        const born = Number(parts.birthDate.slice(0, 4)) * 12 + Number(parts.birthDate.slice(5, 7)) - 1
        const appointed = parts.tmt.year * 12 + parts.tmt.month - 1
        if (implausible === 'tmt-in-the-future') expect(appointed).toBeGreaterThan(2026 * 12 + 11)
        else expect(appointed - born).toBeLessThanOrEqual(18 * 12)
      }),
      settings,
    )
  })
})
