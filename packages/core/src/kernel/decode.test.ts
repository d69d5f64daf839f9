import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import {
  decodeWith,
  formatDecodeFailure,
  oneOf,
  taggedUnion,
  text,
  textLine,
  textRuleBroken,
  wholeNumber,
} from './decode.js'

const Shape = taggedUnion(
  'kind',
  {
    circle: t.strict({ kind: t.literal('circle'), radius: wholeNumber(1, 10) }),
    label: t.strict({ kind: t.literal('label'), text: text(5), colour: oneOf(['red', 'blue']) }),
  },
  'Shape',
)
const Drawing = t.strict({ title: text(20), shapes: t.readonlyArray(Shape) }, 'Drawing')
const decode = decodeWith(Drawing)

const issuesOf = (input: unknown): readonly { path: string; rule: string }[] => {
  const result = decode(input)
  return E.isLeft(result) ? result.left.issues.map(({ path, rule }) => ({ path, rule })) : []
}

describe('decoding external input', () => {
  it('a bad field is reported with its dotted path and the rule it broke', () => {
    expect(issuesOf({ title: 'ok', shapes: [{ kind: 'circle', radius: 11 }] })).toEqual([
      { path: 'shapes.0.radius', rule: 'must be a whole number from 1 to 10' },
    ])
  })

  it('a tagged union reports an unknown tag at the tag field', () => {
    expect(issuesOf({ title: 'ok', shapes: [{ kind: 'square' }] })).toEqual([
      { path: 'shapes.0.kind', rule: 'must be one of circle, label' },
    ])
  })

  it('a tagged union reports the fields of the matching member only', () => {
    expect(issuesOf({ title: 'ok', shapes: [{ kind: 'label', text: 'far too long', colour: 'green' }] })).toEqual([
      { path: 'shapes.0.text', rule: 'must be at most 5 characters (it has 12)' },
      { path: 'shapes.0.colour', rule: 'must be one of red, blue' },
    ])
  })

  it('a missing field is reported at its path', () => {
    expect(issuesOf({ shapes: [] })).toEqual([{ path: 'title', rule: 'must be text of at most 20 characters' }])
  })

  it('formats a failure on one line naming what was decoded', () => {
    const result = decode({ title: '', shapes: 3 })
    expect(E.isLeft(result) && formatDecodeFailure(result.left)).toBe(
      'Drawing: title must hold a visible character (it is blank to a reader); shapes must be ReadonlyArray<Shape>',
    )
  })

  it('input that throws while being read comes back as a failure, not an exception', () => {
    const hostile = {
      get title(): string {
        throw new Error('boom')
      },
    }
    const result = decode(hostile)
    expect(E.isLeft(result) && result.left.issues[0]?.rule).toMatch(/could not be read: Error: boom/)
  })

  it('decoding any value never throws and every failure names a rule (property)', () => {
    fc.assert(
      fc.property(fc.anything(), u => {
        const result = decode(u)
        if (E.isLeft(result)) for (const issue of result.left.issues) expect(issue.rule).not.toBe('')
      }),
      { numRuns: 500, seed: 7 },
    )
  })
})

describe('decoding objects with optional fields', () => {
  const Person = t.exact(t.intersection([t.type({ name: text(10) }), t.partial({ nickname: text(3) })]), 'Person')
  it('reports a bad optional field by its own path, without the intersection member index', () => {
    const result = decodeWith(t.strict({ person: Person }))({ person: { name: 'Ani', nickname: 'Aniek' } })
    expect(E.isLeft(result) && result.left.issues.map(issue => issue.path)).toEqual(['person.nickname'])
  })
})

describe('text a reader can see (issue 22)', () => {
  const blank = 'must hold a visible character (it is blank to a reader)'
  it.each([
    ['a zero-width space', '\u200b'],
    ['a word joiner', '\u2060'],
    ['combining marks alone', '\u0301\u0308'],
    ['a byte-order mark and spaces', '\ufeff  \u00a0'],
    ['a Hangul filler', '\u3164'],
    ['a blank Braille pattern', '\u2800'],
    ['variation selectors', '\ufe0f\ufe0e'],
    ['an empty string', ''],
  ])('free text of only %s is blank', (_what, value) => {
    expect(textRuleBroken(value, 100)).toBe(blank)
  })

  it.each([
    ['NUL', 'keluhan\u0000'],
    ['an escape', '\u001b[31mmerah'],
    ['a carriage return alone', 'baris satu\rbaris dua'],
    ['a C1 control', 'kata\u0085kata'],
  ])('free text holding %s is refused', (_what, value) => {
    expect(textRuleBroken(value, 100)).toBe('must hold no control character other than a line break or a tab')
  })

  it('free text keeps line breaks (LF or CRLF), tabs, bidirectional marks and text in any script', () => {
    for (const value of [
      'baris satu\nbaris dua',
      'baris satu\r\nbaris dua',
      'kolom\tkolom',
      'ﺍﻟﺴﻼﻡ \u200f(Arab)',
      'é',
      '👩🏽‍⚕️',
    ])
      expect(textRuleBroken(value, 100)).toBeUndefined()
  })

  it('a lone surrogate is refused, a pair (one character) is not', () => {
    expect(textRuleBroken('nama \ud800', 100)).toBe('must be well-formed Unicode text (it holds a lone surrogate)')
    expect(textRuleBroken('\udc00nama', 100)).toBe('must be well-formed Unicode text (it holds a lone surrogate)')
    expect(textRuleBroken('nama \ud83d\ude00', 100)).toBeUndefined()
  })

  it('a line refuses bidirectional controls, line breaks and tabs, which free text keeps', () => {
    const override = '\u202eGNABEL PUSKESMAS'
    expect(textRuleBroken(override, 100)).toBeUndefined()
    expect(textRuleBroken(override, 100, 'line')).toBe(
      'must hold no bidirectional control character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)',
    )
    expect(textRuleBroken('Puskesmas\u2066 Belawan', 100, 'line')).toMatch(/bidirectional/)
    expect(textRuleBroken('Puskesmas\nBelawan', 100, 'line')).toBe('must be one line, without a line break or a tab')
    expect(textRuleBroken('Puskesmas\tBelawan', 100, 'line')).toBe('must be one line, without a line break or a tab')
  })

  it('length is counted in UTF-16 code units, and checked first', () => {
    expect(textRuleBroken('x'.repeat(101), 100)).toBe('must be at most 100 characters (it has 101)')
    expect(textRuleBroken('\u200b'.repeat(101), 100)).toBe('must be at most 100 characters (it has 101)')
  })

  it('the codecs report the rule at the field', () => {
    const Form = t.strict({ name: textLine(50), description: text(500) })
    const result = decodeWith(Form, 'Form')({ name: '\u202eabc', description: '\u200b\u200b' })
    expect(E.isLeft(result) && result.left.issues.map(({ path, rule }) => `${path} ${rule}`)).toEqual([
      'name must hold no bidirectional control character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)',
      `description ${blank}`,
    ])
  })

  it('whatever a text codec accepts has a visible character and is well-formed (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 8 }), value => {
        if (!text(100).is(value)) return
        expect(Buffer.from(value, 'utf8').toString('utf8')).toBe(value)
        expect(value.trim()).not.toBe('')
      }),
      { numRuns: 2_000, seed: 22 },
    )
  })
})
