import {
  WrongExpectedVersionError,
  StreamNotFoundError,
  UnavailableError,
  AccessDeniedError,
} from '@eventstore/db-client'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  backoffDelay,
  decodeResolvedEvent,
  encodeData,
  encodeMetadata,
  errorMeaning,
  isSystemEvent,
  isUuid,
  streamSelection,
  toAppendExpectedRevision,
  toStoredRecord,
  toStreamRevision,
} from './mapping.js'

const recorded = (overrides: Record<string, unknown> = {}) => ({
  streamId: 'enrollment-1',
  id: '5f0c2b1e-8d7a-4c3b-9e1f-0a2b3c4d5e6f',
  revision: 3n,
  type: 'ParticipantEnrolled',
  isJson: true,
  data: { nip: '199001012015031001' },
  metadata: { commandId: 'c-1' },
  ...overrides,
})

describe('expected revisions', () => {
  it('map the port’s expectations to the client’s', () => {
    expect(toAppendExpectedRevision('any')).toBe('any')
    expect(toAppendExpectedRevision('no-stream')).toBe('no_stream')
    expect(toAppendExpectedRevision('exists')).toBe('stream_exists')
    expect(toAppendExpectedRevision(7)).toBe(7n)
  })
  it('map the client’s current revision to the port’s', () => {
    expect(toStreamRevision('no_stream')).toBe('no-stream')
    expect(toStreamRevision(12n)).toBe(12)
  })
})

describe('filters as one stream-name prefix', () => {
  it('keeps every stream without a filter', () => {
    expect(streamSelection(undefined)).toEqual({ kind: 'every' })
    expect(streamSelection({})).toEqual({ kind: 'every' })
  })
  it('turns a category into the prefix `category-`', () => {
    expect(streamSelection({ category: 'enrollment' })).toEqual({ kind: 'prefix', prefix: 'enrollment-' })
  })
  it('keeps the narrower of a category and a prefix that agree, and nothing when they do not', () => {
    expect(streamSelection({ category: 'enrollment', streamPrefix: 'enrollment-2025' })).toEqual({
      kind: 'prefix',
      prefix: 'enrollment-2025',
    })
    expect(streamSelection({ category: 'enrollment', streamPrefix: 'enr' })).toEqual({
      kind: 'prefix',
      prefix: 'enrollment-',
    })
    expect(streamSelection({ category: 'enrollment', streamPrefix: 'complaint-' })).toEqual({ kind: 'none' })
  })
})

describe('records read back', () => {
  it('a JSON event becomes a stored event at its position', () => {
    expect(toStoredRecord(recorded(), 42n)).toEqual({
      kind: 'event',
      streamName: 'enrollment-1',
      revision: 3,
      position: 42n,
      eventId: '5f0c2b1e-8d7a-4c3b-9e1f-0a2b3c4d5e6f',
      type: 'ParticipantEnrolled',
      data: { nip: '199001012015031001' },
      metadata: { commandId: 'c-1' },
    })
  })
  it('absent metadata (another tool wrote none) reads as null', () => {
    expect(toStoredRecord(recorded({ metadata: undefined }), 1n)).toMatchObject({ kind: 'event', metadata: null })
  })
  it('a binary event and unparsable metadata are corrupt records in their place', () => {
    expect(toStoredRecord(recorded({ isJson: false, data: new Uint8Array([1, 2]) }), 9n)).toMatchObject({
      kind: 'corrupt',
      streamName: 'enrollment-1',
      revision: 3,
      position: 9n,
    })
    const broken = toStoredRecord(recorded({ metadata: new TextEncoder().encode('{"half":') }), 9n)
    expect(broken).toMatchObject({ kind: 'corrupt', reason: 'metadata is not valid JSON' })
  })
  it('an item takes its own commit position, else the one beside it, and fails without either', () => {
    const own = decodeResolvedEvent({ event: { ...recorded(), position: { commit: 5n, prepare: 5n } } })
    expect(E.map((p: { position: bigint }) => p.position)(own)).toEqual(E.right(5n))
    const beside = decodeResolvedEvent({ event: recorded(), commitPosition: 6n })
    expect(E.map((p: { position: bigint }) => p.position)(beside)).toEqual(E.right(6n))
    expect(E.isLeft(decodeResolvedEvent({ event: recorded() }))).toBe(true)
    expect(E.isLeft(decodeResolvedEvent({ commitPosition: 1n }))).toBe(true)
    expect(E.isLeft(decodeResolvedEvent({ event: { id: 'x' }, commitPosition: 1n }))).toBe(true)
  })
  it('EventStoreDB’s own streams and event types are system events', () => {
    expect(isSystemEvent('$ce-enrollment', 'Anything')).toBe(true)
    expect(isSystemEvent('enrollment-1', '$metadata')).toBe(true)
    expect(isSystemEvent('enrollment-1', 'ParticipantEnrolled')).toBe(false)
  })
})

describe('what is written', () => {
  it('metadata is its JSON text, and null when JSON has no form for it', () => {
    const text = (value: unknown): string => new TextDecoder().decode(encodeMetadata(value))
    expect(text({ a: [1, 'b'] })).toBe('{"a":[1,"b"]}')
    expect(text(null)).toBe('null')
    expect(text(undefined)).toBe('null')
    expect(encodeMetadata({}).constructor).toBe(Uint8Array)
  })
  it('data without a JSON form is refused with the reason', () => {
    expect(encodeData({ n: 1 })).toEqual(E.right('{"n":1}'))
    expect(E.isLeft(encodeData(undefined))).toBe(true)
    expect(E.isLeft(encodeData({ big: 1n }))).toBe(true)
  })
  it('only UUID event ids are accepted', () => {
    expect(isUuid('5f0c2b1e-8d7a-4c3b-9e1f-0a2b3c4d5e6f')).toBe(true)
    expect(isUuid('command-1')).toBe(false)
  })
})

describe('client errors', () => {
  it('a wrong expected version is a conflict at the actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 2n })
    expect(errorMeaning(error)).toEqual({ kind: 'conflict', actual: 2 })
    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      expected: 'stream_exists',
      current: 'no_stream',
    })
    expect(errorMeaning(missing)).toEqual({ kind: 'conflict', actual: 'no-stream' })
  })
  it('tells a missing stream, an unreachable server and other failures apart', () => {
    expect(errorMeaning(new StreamNotFoundError(undefined, 's'))).toEqual({ kind: 'not-found' })
    expect(errorMeaning(new UnavailableError())).toEqual({ kind: 'unavailable' })
    expect(errorMeaning(new AccessDeniedError())).toEqual({ kind: 'failed' })
    expect(errorMeaning(new Error('boom'))).toEqual({ kind: 'failed' })
    // A raw gRPC error the client did not convert, as its server-features probe throws when the server is down.
    expect(errorMeaning(Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }))).toEqual({ kind: 'unavailable' })
    expect(errorMeaning(Object.assign(new Error('7 PERMISSION_DENIED'), { code: 7 }))).toEqual({ kind: 'failed' })
  })
})

describe('backoff', () => {
  it('doubles from the first delay and stops at the longest', () => {
    expect([1, 2, 3, 4, 5, 6].map(attempt => backoffDelay(attempt, 100, 1_000))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ])
  })
})
