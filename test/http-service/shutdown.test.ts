// Graceful shutdown with commands in flight: none acknowledged is lost, none is half written, every chain verifies,
// and the projectors, stopped at a batch boundary, resume exactly once.
import { defaultPolicy, type EventStore, runAudit } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { afterAll, describe, expect, it } from 'vitest'
import { fileComplaint, puskesmas, pyb } from '../../examples/http-service/load/scenario.js'
import { commandIdOf, eventually, startTestService, storedEvents, type TestService } from './support.js'

/** An SQLite store whose every command waits 30 ms before it takes the write lock, as on a slow disk. */
const slowStore = (path: string, onCommand: () => void): EventStore => {
  const store = sqliteEventStore({ path })
  return {
    ...store,
    readAndAppend: (streamName, fromRevision, write) => async () => {
      onCommand()
      await new Promise(resolve => setTimeout(resolve, 30))
      return store.readAndAppend(streamName, fromRevision, write)()
    },
  }
}

const running: TestService[] = []
afterAll(async () => {
  for (const service of running) await service.cleanup()
}, 30_000)

describe('graceful shutdown', () => {
  it('with 40 commands in flight, every one answered 201 is stored once and whole, and nothing else is', async () => {
    let started = 0
    const first = await startTestService(path => ({ events: slowStore(path, () => started++) }))
    running.push(first)
    const filings = Array.from({ length: 40 }, (_, n) =>
      fileComplaint(`blw-2026-${String(n).padStart(6, '0')}`, n, '2026-01-30'),
    )
    const replies = filings.map(filing =>
      first.client.send(filing).then(
        reply => ({ key: filing.key, status: reply.status }),
        (error: unknown) => ({ key: filing.key, status: 0, error }),
      ),
    )
    await eventually(() => Promise.resolve(started >= 5), 20_000)
    await first.service.close()
    const answered = await Promise.all(replies)

    const acknowledged = answered.filter(reply => reply.status === 201).map(reply => reply.key)
    expect(acknowledged.length).toBeGreaterThanOrEqual(5)
    // Not accepted: refused at the door (503 on an open connection, or no connection); never a failure halfway.
    expect(
      answered.filter(reply => reply.status !== 201).every(reply => reply.status === 503 || reply.status === 0),
    ).toBe(true)
    const events = await storedEvents(first.path)
    const written = events.map(commandIdOf)
    expect([...written].sort()).toEqual([...acknowledged].sort())
    expect(events.every(event => event.type === 'ComplaintFiled' && event.revision === 0)).toBe(true)

    const store = sqliteEventStore({ path: first.path })
    try {
      const { findings, summary } = await runAudit(store, { config: defaultPolicy })
      expect(findings).toEqual([])
      expect(summary.streams).toBe(acknowledged.length)
    } finally {
      await store.close()
    }

    // The same files again: the projectors resume from their checkpoints, and count every complaint once.
    const second = await startTestService(() => ({ store: `sqlite:${first.path}` }))
    running.push(second)
    const board = async () =>
      second.client.get(`/units/${encodeURIComponent(puskesmas.name)}/complaint-board?limit=1`, pyb)
    await eventually(async () => {
      const reply = await board()
      return (
        typeof reply.body === 'object' &&
        reply.body !== null &&
        'open' in reply.body &&
        typeof reply.body.open === 'object' &&
        reply.body.open !== null &&
        'total' in reply.body.open &&
        reply.body.open.total === acknowledged.length
      )
    })
  }, 60_000)
})
