import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { enrollment, type EnrollmentCommand } from '../../enrollment/index.js'
import type { EventStore, StoredEvent, StoredRecord } from '../../kernel/event-store.js'
import { nip } from '../../shared/nip.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { instant } from '../../shared/time.js'
import { inMemoryEventStore } from '../in-memory/index.js'
import { commandHandler } from './command-handler.js'
import { offeringId, offeringStream as stream, openOffering as open, readThenAppend } from './test-support.js'

const sari = nip('199203152019032004')
const request: EnrollmentCommand = {
  type: 'RequestPlace',
  at: instant('2026-02-10T10:00:00+07:00'),
  actor: { kind: 'asn', nip: sari, roles: ['asn'] },
  data: { offeringId, nip: sari, atasanNip: nip('196608011988031001') },
}

const setUp = (store: EventStore) => {
  const decider = enrollment.decider(defaultPolicy)
  const decisions: EnrollmentCommand[] = []
  const counted: typeof decider = {
    ...decider,
    decide: (command, state) => {
      decisions.push(command)
      return decider.decide(command, state)
    },
  }
  const handler = commandHandler({ store, aggregate: { ...enrollment, decider: () => counted }, config: defaultPolicy })
  return { handler, decisions }
}

const firstEvent = async (store: EventStore): Promise<StoredEvent> => {
  for await (const record of store.readStream(stream)) if (record.kind === 'event') return record
  throw new Error('the stream has no event')
}

/** The opened offering's stream, with `bad` read back after its first event. */
const storeWith = async (bad: (opened: StoredEvent) => StoredRecord): Promise<EventStore> => {
  const inner = inMemoryEventStore()
  await setUp(inner).handler.handle(open, { commandId: 'open-1' })()
  const opened = await firstEvent(inner)
  const records: readonly StoredRecord[] = [opened, bad(opened)]
  const { readAndAppend } = inner
  return {
    ...inner,
    readStream: async function* () {
      for (const record of records) yield await Promise.resolve(record)
    },
    ...(readAndAppend && {
      readAndAppend: (streamName, fromRevision, write) =>
        readAndAppend(streamName, fromRevision, () => write(records.slice(fromRevision))),
    }),
  }
}

// Each case on both ways a handler writes: under the store's write lock, and read, then appended.
const paths = [
  ['under the store lock', (store: EventStore): EventStore => store],
  ['read, then appended', readThenAppend],
] as const

describe.each(paths)('command handler on a corrupt stream, %s', (_path, storeFor) => {
  it.each([
    [
      'a record the store could not read',
      (o: StoredEvent): StoredRecord => ({
        kind: 'corrupt',
        streamName: o.streamName,
        revision: 1,
        position: 9n,
        reason: 'broken JSON',
      }),
      'broken JSON',
    ],
    [
      'an event type no schema knows',
      (o: StoredEvent): StoredRecord => ({ ...o, revision: 1, type: 'PlaceTeleported' }),
      'is not a known event type',
    ],
    [
      'data its codec refuses',
      (o: StoredEvent): StoredRecord => ({ ...o, revision: 1, data: { offeringId } }),
      'OfferingOpened v2: ',
    ],
    [
      'metadata without a hash',
      (o: StoredEvent): StoredRecord => ({ ...o, revision: 1, metadata: { eventId: o.eventId } }),
      'metadata: ',
    ],
  ])('refuses to decide and names the stream, revision and reason, for %s', async (_, bad, reason) => {
    const { handler, decisions } = setUp(storeFor(await storeWith(bad)))
    const result = await handler.handle(request, { commandId: 'req-sari' })()
    expect(result).toMatchObject(E.left({ kind: 'corrupt-stream', streamName: stream, revision: 1 }))
    expect(E.isLeft(result) && result.left.kind === 'corrupt-stream' && result.left.reason).toContain(reason)
    expect(decisions).toEqual([])
  })

  it('writes nothing to a stream holding an event that does not decode', async () => {
    const store = inMemoryEventStore()
    await setUp(store).handler.handle(open, { commandId: 'open-1' })()
    const opened = await firstEvent(store)
    await store.append(
      stream,
      [{ eventId: 'stray', type: 'PlaceRequested', data: { offeringId }, metadata: opened.metadata }],
      0,
    )()
    const { handler, decisions } = setUp(storeFor(store))
    const result = await handler.handle(request, { commandId: 'req-sari' })()
    expect(result).toMatchObject(E.left({ kind: 'corrupt-stream', streamName: stream, revision: 1 }))
    expect(decisions).toEqual([])
    await expect(store.streamRevision(stream)()).resolves.toEqual(E.right(1))
  })
})
