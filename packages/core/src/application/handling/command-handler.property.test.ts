import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { arbEnrollmentScenario, runScenario } from '@pembina/testkit'
import { describe, expect, it } from 'vitest'
import { enrollment, type EnrollmentEvent, enrollmentEvents } from '../../enrollment/index.js'
import { EventMetadata } from '../../shared/event-metadata.js'
import type { EventStore } from '../../kernel/event-store.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { inMemoryEventStore } from '../in-memory/index.js'
import { verifyChain } from '../integrity/index.js'
import { commandHandler } from './command-handler.js'

// Every generated scenario goes through the handler and a store: about 3 s alone, up to 6 s while another test run
// shares the two cores, so each case gets ten times its quiet run instead of vitest's 5 s default.
const propertyTimeoutMs = 30_000

const decider = enrollment.decider(defaultPolicy)
const runs = { seed: 20260302, numRuns: 200 }

const decodedStream = async (store: EventStore, streamName: string): Promise<readonly EnrollmentEvent[]> => {
  const events: EnrollmentEvent[] = []
  for await (const record of store.readStream(streamName)) {
    if (record.kind === 'corrupt') throw new Error(record.reason)
    const metadata = EventMetadata.decode(record.metadata)
    if (E.isLeft(metadata)) throw new Error('stored metadata does not decode')
    const { schemaVersion } = metadata.right
    const event = enrollmentEvents.decode({ type: record.type, data: record.data, schemaVersion })
    if (E.isLeft(event)) throw new Error(event.left.what)
    events.push(event.right)
  }
  return events
}

describe('command handler against the pure decider (property)', { timeout: propertyTimeoutMs }, () => {
  it('handling a generated scenario gives the same decisions and the same stream as the pure decider, and the chain verifies', async () => {
    await fc.assert(
      fc.asyncProperty(arbEnrollmentScenario(), async commands => {
        const first = commands[0]
        if (first === undefined) return
        const streamName = enrollment.streamOf(first)
        const store = inMemoryEventStore()
        const handler = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })
        const expected = runScenario(decider, commands)
        const writers: number[] = []
        for (const [i, command] of commands.entries()) {
          const step = expected.steps[i]
          const result = await handler.handle(command, { commandId: `command-${i}` })()
          if (step === undefined) throw new Error('runScenario has a step per command')
          if (E.isLeft(step.result))
            expect(result).toEqual(E.left({ kind: 'rejected', streamName, rejection: step.result.left }))
          else {
            if (E.isLeft(result)) throw new Error(`the handler refused what the decider accepted: ${result.left.kind}`)
            expect(result.right.events.map(written => written.event)).toEqual(step.result.right)
            expect(result.right.written).toBe(step.result.right.length > 0)
            if (result.right.written) writers.push(i)
          }
        }
        expect(await decodedStream(store, streamName)).toEqual(expected.events)
        const verdict = await verifyChain(store.readStream(streamName))
        expect(verdict).toMatchObject({ valid: true, events: expected.events.length })

        // Every command that wrote, handled again with its id, returns its first outcome and writes nothing.
        const revision = await store.streamRevision(streamName)()
        for (const i of writers) {
          const again = await handler.handle(commands[i] ?? first, { commandId: `command-${i}` })()
          expect(E.isRight(again) && !again.right.written).toBe(true)
        }
        expect(await store.streamRevision(streamName)()).toEqual(revision)
      }),
      runs,
    )
  })
})
