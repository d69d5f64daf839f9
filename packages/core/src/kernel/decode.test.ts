import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { decodeWith, formatDecodeFailure, oneOf, taggedUnion, text, wholeNumber } from './decode.js'

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
      { path: 'shapes.0.text', rule: 'must be non-blank text of at most 5 characters' },
      { path: 'shapes.0.colour', rule: 'must be one of red, blue' },
    ])
  })

  it('a missing field is reported at its path', () => {
    expect(issuesOf({ shapes: [] })).toEqual([
      { path: 'title', rule: 'must be non-blank text of at most 20 characters' },
    ])
  })

  it('formats a failure on one line naming what was decoded', () => {
    const result = decode({ title: '', shapes: 3 })
    expect(E.isLeft(result) && formatDecodeFailure(result.left)).toBe(
      'Drawing: title must be non-blank text of at most 20 characters; shapes must be ReadonlyArray<Shape>',
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
