import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import type { AppendError, AppendResult, EventStore, EventToAppend } from '@pembina/core'

/** A store under comparison: its name in a counterexample, and the store itself, open for the whole property. */
export interface ComparedStore {
  readonly name: string
  readonly store: EventStore
}

/** What the property runs: how many histories, from which seed. */
export interface StoresAgreeOptions {
  readonly numRuns?: number
  readonly seed?: number
}

/** One append of a generated history: to which of the history's streams, and the events. */
interface GeneratedAppend {
  readonly stream: number
  readonly events: readonly { readonly id: string; readonly type: string; readonly data: unknown }[]
}

// Full Unicode, lone surrogates included: `binary` draws any UTF-16 code unit sequence.
const anyText = (maxLength: number): fc.Arbitrary<string> => fc.string({ unit: 'binary', maxLength })

/** Now and then a text with half of a character: what a store must refuse rather than keep changed. */
const withLoneSurrogate = (text: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: text },
    {
      weight: 1,
      arbitrary: fc
        .tuple(text, fc.integer({ min: 0xd800, max: 0xdfff }))
        .map(([base, unit]) => `${base}${String.fromCharCode(unit)}`),
    },
  )

const generatedAppend: fc.Arbitrary<GeneratedAppend> = fc.record({
  stream: fc.nat(2),
  events: fc.array(
    fc.record({
      // The id's own text only now and then: EventStoreDB holds UUIDs, so a free id is refused there alone.
      id: fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('\ud800') }),
      type: withLoneSurrogate(anyText(12)),
      data: fc
        .jsonValue({ maxDepth: 3 })
        .chain(value =>
          fc.oneof(
            { weight: 3, arbitrary: fc.constant(value) },
            { weight: 2, arbitrary: withLoneSurrogate(anyText(20)).map(text => ({ text, value })) },
            { weight: 1, arbitrary: anyText(6).map(key => ({ [key]: value })) },
          ),
        ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
})

/** What an append came to, the same on every store or not: the result, or the failure's kind and event. */
const outcomeOf = (result: E.Either<AppendError, AppendResult>): string =>
  E.isRight(result)
    ? `written ${String(result.right.written)}, next ${String(result.right.nextExpectedRevision)}`
    : result.left._tag === 'InvalidAppend'
      ? `InvalidAppend of ${result.left.eventId}`
      : result.left._tag === 'ConcurrencyConflict'
        ? `ConcurrencyConflict at ${String(result.left.actual)}`
        : `StoreUnavailable: ${result.left.message}`

/** A stream as read back, without what stores may number differently (global positions). */
const streamText = async (store: EventStore, streamName: string): Promise<string> => {
  const records: unknown[] = []
  try {
    // Global positions are left out: stores may number them differently.
    for await (const record of store.readStream(streamName)) records.push({ ...record, position: undefined })
  } catch (error) {
    return `read failed: ${error instanceof Error ? error.message : String(error)}`
  }
  return JSON.stringify(records)
}

/**
 * A property over several stores at once: random appends (stream names, types and data drawn from full Unicode,
 * lone surrogates included, ids now and then holding one) give the same outcome on every store, each an append or a
 * refusal, and every stream reads back the same from every store. Stores that agree on the port's contract but
 * change a byte they acknowledged (a string kept as U+FFFD) fail it with the append that shows it.
 */
export const assertStoresAgree = async (
  stores: readonly ComparedStore[],
  options: StoresAgreeOptions = {},
): Promise<void> => {
  // Names must not collide with earlier runs on a shared, persistent store (EventStoreDB).
  const runId = randomUUID().replaceAll('-', '').slice(0, 10)
  let run = 0
  await fc.assert(
    fc.asyncProperty(
      fc.array(anyText(8), { minLength: 3, maxLength: 3 }),
      fc.array(withLoneSurrogate(anyText(4)), { minLength: 3, maxLength: 3 }),
      fc.array(generatedAppend, { minLength: 1, maxLength: 5 }),
      async (suffixes, oddSuffixes, appends) => {
        run += 1
        const streams = suffixes.map((suffix, i) => `agree${runId}r${run}s${i}-${suffix}${oddSuffixes[i] ?? ''}`)
        let eventNumber = 0
        for (const [step, append] of appends.entries()) {
          const streamName = streams[append.stream] ?? ''
          const events: EventToAppend[] = append.events.map(event => {
            eventNumber += 1
            const uuid = `00000000-0000-4000-8000-${run.toString(16).padStart(6, '0')}${eventNumber.toString(16).padStart(6, '0')}`
            return { eventId: `${uuid}${event.id}`, type: `T${event.type}`, data: event.data, metadata: { step } }
          })
          const outcomes = await Promise.all(
            stores.map(
              async ({ name, store }) => `${name}: ${outcomeOf(await store.append(streamName, events, 'any')())}`,
            ),
          )
          const differing = new Set(outcomes.map(outcome => outcome.slice(outcome.indexOf(': ') + 2)))
          if (differing.size > 1)
            throw new Error(`append ${step} to ${JSON.stringify(streamName)}:\n${outcomes.join('\n')}`)
        }
        for (const streamName of streams) {
          const read = await Promise.all(stores.map(async ({ store }) => streamText(store, streamName)))
          if (new Set(read).size > 1)
            throw new Error(
              `${JSON.stringify(streamName)} reads back differently:\n${stores.map(({ name }, i) => `${name}: ${read[i] ?? ''}`).join('\n')}`,
            )
        }
      },
    ),
    { numRuns: options.numRuns ?? 100, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  )
}
