// Decoding input no codec could take, and failures that may be logged (issue 23).
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { ComplaintInput } from '../protection/complaint.js'
import { PersonnelInput } from '../protection/personnel.js'
import { decodeInputLimits, decodeWith, maxDecodeIssues, personal, text } from './decode.js'

const Numbers = t.strict({ numbers: t.readonlyArray(t.number) }, 'Numbers')

describe('decoding input of any size', () => {
  it('a wrong array of a million elements is refused before it is decoded, at once, with one issue', () => {
    const start = performance.now()
    const result = decodeWith(Numbers)({ numbers: Array.from({ length: 1_000_000 }, () => 'x') })
    expect(performance.now() - start).toBeLessThan(2_000)
    expect(result).toEqual(
      E.left({
        _tag: 'DecodeFailure',
        what: 'Numbers',
        issues: [
          {
            path: 'numbers',
            rule: `is too large to decode: an array of 1000000 elements (at most ${decodeInputLimits.entries})`,
            value: undefined,
          },
        ],
      }),
    )
  })

  it('strings, objects and nesting past the limits are refused at their paths', () => {
    const rules = (input: unknown): readonly string[] => {
      const result = decodeWith(t.unknown, 'input')(input)
      return E.isLeft(result) ? result.left.issues.map(({ path, rule }) => `${path} ${rule}`) : []
    }
    expect(rules({ a: [{ b: 'x'.repeat(decodeInputLimits.stringLength + 1) }] })).toEqual([
      `a.0.b is too large to decode: ${decodeInputLimits.stringLength + 1} characters (at most ${decodeInputLimits.stringLength})`,
    ])
    const wide = Object.fromEntries(Array.from({ length: decodeInputLimits.entries + 1 }, (_, i) => [`k${i}`, i]))
    expect(rules({ wide })).toEqual([`wide is too large to decode: an object of 100001 keys (at most 100000)`])
    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    expect(rules(deep)[0]).toMatch(/^(0\.){63}0 is too large to decode: nested more than 64 levels$/)
    // A cycle is no JSON; it is refused, not followed for ever.
    const cycle: { self?: unknown } = {}
    cycle.self = cycle
    expect(rules(cycle)[0]).toMatch(/nested more than 64 levels/)
  })

  it('lists the first 20 issues of a failure and counts the others', () => {
    const result = decodeWith(Numbers)({ numbers: Array.from({ length: 5_000 }, () => 'x') })
    expect(E.isLeft(result) && result.left.issues.length).toBe(maxDecodeIssues)
    expect(E.isLeft(result) && result.left.issues[0]?.path).toBe('numbers.0')
    expect(E.isLeft(result) && result.left.omittedIssues).toBe(5_000 - maxDecodeIssues)
    const few = decodeWith(Numbers)({ numbers: ['x'] })
    expect(E.isLeft(few) && 'omittedIssues' in few.left).toBe(false)
  })
})

describe('a failure holds no personal data', () => {
  const filing = {
    type: 'FileComplaint',
    at: '2026-03-02T09:00:00+07:00',
    actor: { kind: 'citizen', subjectId: 'warga\u202e-42' },
    data: {
      complaintId: 'c-1',
      trackingId: 'BLW-2026-000001',
      unit: 'Puskesmas Belawan',
      category: 'pengaduan',
      description: '\u200b',
      serviceDate: '2026-03-01',
      channel: 'loket',
      anonymous: false,
      confidential: false,
      complainant: 'Siti Aminah\n',
      contact: '0812 3456 7890\u0000',
      extra: 'kept',
    },
  }

  it('issues inside personal fields carry their path and rule, never the value', () => {
    const result = decodeWith(ComplaintInput)(filing)
    if (E.isRight(result)) throw new Error('the filing must be refused')
    const byPath = new Map(result.left.issues.map(issue => [issue.path, issue]))
    for (const path of ['actor.subjectId', 'data.description', 'data.complainant', 'data.contact']) {
      expect(byPath.get(path)?.rule).toBeDefined()
      expect(byPath.get(path)?.value).toBeUndefined()
    }
    expect(JSON.stringify(result.left)).not.toMatch(/Siti|3456|warga/)
  })

  it('a NIK or phone that is refused is not in the failure', () => {
    const appoint = {
      type: 'UpdatePersonalDetails',
      at: '2026-03-02T09:00:00+07:00',
      actor: { kind: 'asn', nip: '197505052000031004', roles: ['admin-pelatihan'] },
      data: { nip: '199203152019032004', nik: '127101500392000', phone: '0812-3456-7890' },
    }
    const result = decodeWith(PersonnelInput)(appoint)
    expect(E.isLeft(result) && result.left.issues.map(issue => issue.path)).toEqual(
      expect.arrayContaining(['data.nik', 'data.phone']),
    )
    expect(JSON.stringify(E.isLeft(result) ? result.left : null)).not.toMatch(/127101500392000|3456/)
  })

  it('values outside personal fields are kept, to say what was refused', () => {
    const Form = t.strict({ code: text(3), secret: personal(text(3)) })
    const result = decodeWith(Form, 'Form')({ code: 'abcd', secret: 'wxyz' })
    expect(E.isLeft(result) && result.left.issues.map(({ path, value }) => ({ path, value }))).toEqual([
      { path: 'code', value: 'abcd' },
      { path: 'secret', value: undefined },
    ])
  })
})
