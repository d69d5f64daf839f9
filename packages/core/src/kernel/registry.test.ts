import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
import { eventRegistry } from './registry.js'

// Version 1 stored `hours`; version 2 stores `minutes`. The upcaster is what keeps old history replaying.
const Logged = t.strict({ type: t.literal('Logged'), data: t.strict({ minutes: t.number }) }, 'Logged')
// `Logged` at version 2, whose upcaster from version 1 does `onOther` with data that is not version 1's.
const loggedV2 = (onOther: (data: unknown) => unknown) => ({
  type: 'Logged' as const,
  version: 2,
  codec: Logged,
  description: 'Time was logged.',
  upcasters: {
    1: (data: unknown) => {
      const v1 = t.strict({ hours: t.number }).decode(data)
      return E.isRight(v1) ? { minutes: v1.right.hours * 60 } : onOther(data)
    },
  },
})
const registry = eventRegistry([loggedV2(data => data)])

describe('event registry', () => {
  it('upcasts an older schema version on read', () => {
    expect(registry.decode({ type: 'Logged', data: { hours: 2 }, schemaVersion: 1 })).toEqual(
      E.right({ type: 'Logged', data: { minutes: 120 } }),
    )
  })

  it('encodes with the current schema version', () => {
    expect(registry.encode({ type: 'Logged', data: { minutes: 5 } })).toEqual({
      type: 'Logged',
      data: { minutes: 5 },
      schemaVersion: 2,
    })
  })

  it('refuses an unknown event type, a version from the future and a malformed version', () => {
    const rules = [
      registry.decode({ type: 'Nope', data: {}, schemaVersion: 1 }),
      registry.decode({ type: 'Logged', data: { minutes: 1 }, schemaVersion: 3 }),
      registry.decode({ type: 'Logged', data: { minutes: 1 }, schemaVersion: 0 }),
    ].map(result => (E.isLeft(result) ? result.left.issues[0]?.rule : 'decoded'))
    expect(rules).toEqual([
      'is not a known event type',
      'is newer than this library knows (v2)',
      'must be a whole number from 1',
    ])
  })

  it('reports an upcaster that throws on old data as a decode failure, never as an exception', () => {
    const strict = eventRegistry([
      loggedV2(() => {
        throw new Error('not version 1 data')
      }),
    ])
    const result = strict.decode({ type: 'Logged', data: null, schemaVersion: 1 })
    expect(E.isLeft(result) && result.left.issues.map(issue => [issue.path, issue.rule])).toEqual([
      ['data', 'could not be upcast from v1: not version 1 data'],
    ])
  })

  it('reports a bad field of stored data with its path', () => {
    const result = registry.decode({ type: 'Logged', data: { minutes: 'x' }, schemaVersion: 2 })
    expect(E.isLeft(result) && result.left.issues.map(issue => issue.path)).toEqual(['data.minutes'])
  })

  it('refuses to register a type twice', () => {
    const schema = { type: 'Logged' as const, version: 1, codec: Logged, description: 'x' }
    expect(() => eventRegistry([schema, schema])).toThrow(/registered twice/)
  })
})
