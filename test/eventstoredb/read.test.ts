import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type EventStore,
  type EventToAppend,
  inMemoryEventStore,
  mentorship,
  type ReadStreamOptions,
  StreamNotFoundError,
} from '@pembina/core'
import { adapterForThisFile } from './adapter-fixture.js'

const { openStore } = adapterForThisFile()

const sessionLogged = (n: number): EventToAppend => ({
  eventId: randomUUID(),
  type: 'SessionLogged',
  data: { n },
  metadata: { test: 'read' },
})

/** What a stream read gives: the revisions read, or the name of the error it rejected with. */
const outcomeOf = async (store: EventStore, stream: string, options: ReadStreamOptions): Promise<unknown> => {
  try {
    const revisions: number[] = []
    for await (const record of store.readStream(stream, options)) revisions.push(record.revision)
    return revisions
  } catch (error) {
    return error instanceof StreamNotFoundError ? 'StreamNotFoundError' : String(error)
  }
}

describe('stream reads on EventStoreDB at their boundaries', () => {
  // A page read backwards from `revision - pageSize` goes below 0 at the start of the stream; a limit of 0 reads
  // nothing. Both must answer as every other store does: nothing for a stream that exists, not found otherwise.
  const boundaries: readonly ReadStreamOptions[] = [
    { limit: 0 },
    { direction: 'backwards', limit: 0 },
    { direction: 'backwards', fromRevision: -1 },
    { direction: 'backwards', fromRevision: -3, limit: 2 },
    { fromRevision: -1, limit: 1 },
  ]

  it('a read of no event, or backwards from before the first, answers as the in-memory store does', async () => {
    const esdb = openStore()
    const memory = inMemoryEventStore()
    const stream = mentorship.streamName(randomUUID())
    const missing = mentorship.streamName(randomUUID())
    const events = [sessionLogged(0), sessionLogged(1), sessionLogged(2)]
    try {
      for (const store of [esdb, memory])
        expect(E.isRight(await store.append(stream, events, 'no-stream')())).toBe(true)
      for (const options of boundaries)
        for (const name of [stream, missing])
          expect(
            await outcomeOf(esdb, name, options),
            `${name === stream ? 'existing' : 'missing'} ${JSON.stringify(options)}`,
          ).toEqual(await outcomeOf(memory, name, options))
      expect(await outcomeOf(esdb, stream, { direction: 'backwards', fromRevision: -1 })).toEqual([])
      expect(await outcomeOf(esdb, missing, { limit: 0 })).toBe('StreamNotFoundError')
    } finally {
      await esdb.close()
      await memory.close()
    }
  })
})
