import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { arbEnrollmentScenario, runScenario } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { enrollment, type EnrollmentCommand, type EnrollmentState } from '../../enrollment/index.js'
import { EventMetadataHead } from '../../shared/event-metadata.js'
import type { EventStore } from '../../kernel/event-store.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { inMemoryEventStore } from '../in-memory/index.js'
import { verifyChain } from '../integrity/index.js'
import { type StateCache, stateCache } from '../loading/index.js'
import { commandHandler } from './command-handler.js'
import { countingReads } from './test-support.js'

// The property runs generated scenarios through two handlers on one store: about 3 s alone, up to 6 s while another
// test run shares the two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const decider = enrollment.decider(defaultPolicy)

const streamOf = (commands: readonly EnrollmentCommand[]): string =>
  enrollment.streamName(commands[0]?.data.offeringId ?? 'none')

const handlerOn = (store: EventStore, cache?: StateCache<EnrollmentState>) =>
  commandHandler({ store, aggregate: enrollment, config: defaultPolicy, ...(cache === undefined ? {} : { cache }) })

const lastHashOf = async (store: EventStore, streamName: string): Promise<string | undefined> => {
  for await (const record of store.readStream(streamName, { direction: 'backwards', limit: 1 })) {
    const head = EventMetadataHead.decode(record.kind === 'event' ? record.metadata : null)
    return E.isRight(head) ? head.right.hash : undefined
  }
  return undefined
}

const at = (commands: readonly EnrollmentCommand[], i: number): EnrollmentCommand => {
  const command = commands[i]
  if (command === undefined) throw new Error(`the scenario has no command ${i}`)
  return command
}

/** What the pure decider decides for command `i` of a scenario, after the commands before it. */
const decided = (commands: readonly EnrollmentCommand[], i: number) => {
  const step = runScenario(decider, commands.slice(0, i + 1)).steps[i]
  if (step === undefined) throw new Error('runScenario has a step per command')
  return step.result
}

/** The events of an outcome, or its rejection, in the shape `decided` gives. */
const eventsOf = (result: Awaited<ReturnType<ReturnType<ReturnType<typeof handlerOn>['handle']>>>) =>
  E.isRight(result)
    ? E.right(result.right.events.map(written => written.event))
    : result.left.kind === 'rejected'
      ? E.left(result.left.rejection)
      : E.left(result.left.kind)

// A deterministic scenario of an offering with several places, for the examples below.
const scenario = (): readonly EnrollmentCommand[] => {
  const [commands] = fc.sample(
    arbEnrollmentScenario().filter(commands => commands.length >= 8),
    { seed: 20261128, numRuns: 1 },
  )
  if (commands === undefined) throw new Error('the arbitrary gave no scenario')
  return commands
}

describe('command handler with a state cache', { timeout: propertyTimeoutMs }, () => {
  it('gives the pure decider’s decisions while another writer without the cache appends to the same stream (property)', async () => {
    await fc.assert(
      fc.asyncProperty(arbEnrollmentScenario(), fc.infiniteStream(fc.boolean()), async (commands, throughCache) => {
        const streamName = streamOf(commands)
        const store = inMemoryEventStore()
        const cached = handlerOn(store, stateCache())
        const other = handlerOn(store)
        const expected = runScenario(decider, commands)
        const firstOutcomes = new Map<number, unknown>()
        const lanes = throughCache[Symbol.iterator]()
        for (const [i, command] of commands.entries()) {
          const handler = lanes.next().value === true ? cached : other
          const result = await handler.handle(command, { commandId: `command-${i}` })()
          const step = expected.steps[i]
          if (step === undefined) throw new Error('runScenario has a step per command')
          if (E.isLeft(step.result))
            expect(result).toEqual(E.left({ kind: 'rejected', streamName, rejection: step.result.left }))
          else {
            if (E.isLeft(result)) throw new Error(`the handler refused what the decider accepted: ${result.left.kind}`)
            expect(result.right.events.map(written => written.event)).toEqual(step.result.right)
            if (result.right.written) firstOutcomes.set(i, result.right.events)
          }
        }
        expect(await verifyChain(store.readStream(streamName))).toMatchObject({ valid: true })
        // A command sent again through the cache gets its first outcome back, events and all, and writes nothing.
        const revision = await store.streamRevision(streamName)()
        for (const [i, events] of firstOutcomes) {
          const again = await cached.handle(at(commands, i), { commandId: `command-${i}` })()
          expect(again).toMatchObject(E.right({ written: false, events }))
        }
        expect(await store.streamRevision(streamName)()).toEqual(revision)
      }),
      { seed: 20261128, numRuns: 150 },
    )
  })

  it('reads a cached stream only from its cached revision', async () => {
    const commands = scenario()
    const { store, records } = countingReads(inMemoryEventStore())
    const handler = handlerOn(store, stateCache())
    let readBefore = 0
    for (const [i, command] of commands.entries()) {
      await handler.handle(command, { commandId: `command-${i}` })()
      const read = records() - readBefore
      readBefore = records()
      // The first command finds no stream; every later one reads the cached head and nothing else.
      expect(read).toBe(i === 0 ? 0 : 1)
    }
  })

  it('folds what another writer appended after the cached revision', async () => {
    const commands = scenario()
    const streamName = streamOf(commands)
    const { store, records } = countingReads(inMemoryEventStore())
    const cache = stateCache<EnrollmentState>()
    const cached = handlerOn(store, cache)
    const other = handlerOn(store)
    await cached.handle(at(commands, 0), { commandId: 'command-0' })()
    for (const i of [1, 2, 3]) await other.handle(at(commands, i), { commandId: `command-${i}` })()
    const before = records()
    const result = await cached.handle(at(commands, 4), { commandId: 'command-4' })()
    expect(eventsOf(result)).toEqual(decided(commands, 4))
    // The cached head and the three events the other writer appended, not the whole stream.
    expect(records() - before).toBeLessThanOrEqual(4)
    expect(cache.get(streamName)?.lastHash).toBe(await lastHashOf(store, streamName))
  })

  it('drops an entry the stream no longer agrees with and loads the stream in full', async () => {
    const commands = scenario()
    const streamName = streamOf(commands)
    const store = inMemoryEventStore()
    const cache = stateCache<EnrollmentState>()
    const handler = handlerOn(store, cache)
    for (const i of [0, 1, 2]) await handler.handle(at(commands, i), { commandId: `command-${i}` })()
    const entry = cache.get(streamName)
    if (entry === undefined) throw new Error('the stream is cached after three commands')
    // A forged entry: the state of an empty offering, claiming the stream's head with a hash it does not have.
    cache.set(streamName, { ...entry, state: decider.initialState, lastHash: 'f'.repeat(64) })
    const result = await handler.handle(at(commands, 3), { commandId: 'command-3' })()
    expect(eventsOf(result)).toEqual(decided(commands, 3))
    expect(cache.get(streamName)?.lastHash).toBe(await lastHashOf(store, streamName))
  })
})

describe('stateCache', { timeout: propertyTimeoutMs }, () => {
  const entry = (revision: number) => ({ state: revision, revision, lastHash: `${revision}`, recentCommandIds: [] })

  it('evicts the least recently used stream beyond its bound', () => {
    const cache = stateCache<number>({ maxStreams: 2 })
    cache.set('a', entry(0))
    cache.set('b', entry(0))
    cache.get('a')
    cache.set('c', entry(0))
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map(found => found?.revision)).toEqual([0, undefined, 0])
    expect(cache.size()).toBe(2)
  })

  it('never goes back to an earlier revision of a stream', () => {
    const cache = stateCache<number>()
    cache.set('a', entry(5))
    cache.set('a', entry(3))
    expect(cache.get('a')?.revision).toBe(5)
    cache.set('a', entry(6))
    expect(cache.get('a')?.revision).toBe(6)
  })

  it('refuses a bound that is not a positive integer, naming it', () => {
    expect(() => stateCache({ maxStreams: 0 })).toThrow('maxStreams must be a positive integer, not 0')
    expect(() => stateCache({ commandLimit: 1.5 })).toThrow('commandLimit must be a positive integer, not 1.5')
  })
})
