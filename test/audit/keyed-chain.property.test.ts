// The keyed chain as a property: for generated enrollment histories written through a keyed handler, every stream
// verifies under its keyring; and whatever event a rewriter changes, recomputing every hash from it on with the
// exported chainHash (so the chain alone verifies again), the keyring refuses the stream at that event or before.
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  chainHash,
  chainKeyring,
  commandHandler,
  defaultPolicy,
  enrollment,
  type EnrollmentCommand,
  EventMetadata,
  inMemoryEventStore,
  type StoredEvent,
  type StoredRecord,
  verifyChain,
} from '@pembina/core'
import { arbEnrollmentScenario } from '@pembina/testkit'

const propertyTimeoutMs = 60_000
const keys = chainKeyring({ current: { id: 'prop-1', secret: Buffer.alloc(32, 0x42) } })

/** The stream's events as a keyed handler writes them for the generated commands (rejected ones write nothing). */
const keyedStream = async (commands: readonly EnrollmentCommand[]): Promise<readonly StoredEvent[]> => {
  const store = inMemoryEventStore()
  const handler = commandHandler({ store, aggregate: enrollment, config: defaultPolicy, chainKeys: keys })
  for (const [i, command] of commands.entries()) await handler.handle(command, { commandId: `c-${i}` })()
  const first = commands[0]
  const records: StoredRecord[] = []
  if (first !== undefined) for await (const record of store.readStream(enrollment.streamOf(first))) records.push(record)
  await store.close()
  return records.filter((record): record is StoredEvent => record.kind === 'event')
}

/** The stream rewritten from `at` on: the event there gets `change` in its data, every hash from it is recomputed. */
const rewritten = (events: readonly StoredEvent[], at: number, change: string): readonly StoredEvent[] => {
  let prevHash: string | null = null
  return events.map(event => {
    if (!EventMetadata.is(event.metadata)) throw new Error('unreadable metadata')
    const data: unknown = event.revision === at ? { ...Object(event.data), rewritten: change } : event.data
    const metadata = { ...event.metadata, prevHash: event.revision < at ? event.metadata.prevHash : prevHash }
    const hash =
      event.revision < at
        ? E.right(event.metadata.hash)
        : chainHash({ ...metadata, type: event.type, data, streamName: event.streamName, revision: event.revision })
    if (E.isLeft(hash)) throw new Error('not JSON')
    prevHash = hash.right
    return { ...event, data, metadata: { ...metadata, hash: hash.right } }
  })
}

describe('the keyed chain, for generated histories', () => {
  it(
    'verifies every stream written under the key, and refuses every rewrite that the chain alone accepts',
    async () => {
      let rewrites = 0
      await fc.assert(
        fc.asyncProperty(
          arbEnrollmentScenario(),
          fc.nat(),
          fc.string({ minLength: 1 }),
          async (commands, pick, change) => {
            const events = await keyedStream(commands)
            if (events.length === 0) return
            expect(await verifyChain(events, null, { keys })).toMatchObject({ valid: true, events: events.length })
            const at = pick % events.length
            const forged = rewritten(events, at, change)
            expect((await verifyChain(forged)).valid).toBe(true)
            const keyed = await verifyChain(forged, null, { keys })
            expect(keyed).toMatchObject({ valid: false, reason: 'unauthenticated', revision: at })
            rewrites++
          },
        ),
        { numRuns: 40, seed: 23 },
      )
      expect(rewrites).toBeGreaterThan(20)
    },
    propertyTimeoutMs,
  )
})
