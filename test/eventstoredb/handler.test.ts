import { randomUUID } from 'node:crypto'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { commandHandler, defaultPolicy, enrollment, verifyChain } from '@pembina/core'
import { adapterForThisFile } from './adapter-fixture.js'
import { offeringStream, openOffering, participants, requestPlace } from '../reliability/enrollment-workload.js'

const { openStore } = adapterForThisFile()

describe('the command handler over EventStoreDB', () => {
  it('writes enrollment commands whose metadata and hash chain read back and verify', async () => {
    const store = openStore()
    try {
      const handler = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })
      const offeringId = `latsar-${randomUUID()}`
      const commands = [openOffering(offeringId), ...participants.slice(0, 3).map(p => requestPlace(offeringId, p))]
      for (const [i, command] of commands.entries()) {
        const outcome = await handler.handle(command, { commandId: `${offeringId}-${i}` })()
        expect(E.isRight(outcome) && outcome.right.written).toBe(true)
      }
      const stream = offeringStream(offeringId)
      const read = []
      for await (const record of store.readStream(stream)) read.push(record)
      expect(read.map(r => (r.kind === 'event' ? r.type : r.kind))).toEqual([
        'OfferingOpened',
        'PlaceRequested',
        'PlaceRequested',
        'PlaceRequested',
      ])
      const second = read[1]
      expect(second?.kind === 'event' ? second.metadata : undefined).toMatchObject({ commandId: `${offeringId}-1` })
      expect(await verifyChain(store.readStream(stream))).toMatchObject({ valid: true, streamName: stream, events: 4 })
    } finally {
      await store.close()
    }
  })

  it('a command retried under the same command id writes once', async () => {
    const store = openStore()
    try {
      const handler = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })
      const offeringId = `latsar-${randomUUID()}`
      const first = await handler.handle(openOffering(offeringId), { commandId: `${offeringId}-open` })()
      const again = await handler.handle(openOffering(offeringId), { commandId: `${offeringId}-open` })()
      expect(E.isRight(first) && first.right.written).toBe(true)
      expect(E.isRight(again) && again.right.written).toBe(false)
      expect(await store.streamRevision(offeringStream(offeringId))()).toEqual(E.right(0))
      expect(await verifyChain(store.readStream(offeringStream(offeringId)))).toMatchObject({ valid: true, events: 1 })
    } finally {
      await store.close()
    }
  })
})
