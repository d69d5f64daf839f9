// The subscription's iterator over a source held in memory, so that every page read, wait and failure is in the
// test's hands: records are handed over one by one from the page in hand, pages are read after the last delivered
// position, and waits, closes and failures end it as the EventStore contract says.
import { describe, expect, it } from 'vitest'
import { type StoredRecord, StoreUnavailableError } from '@pembina/core'
import { openSubscription, type SubscriptionSource } from './subscribe.js'

const record = (position: number): StoredRecord => ({
  kind: 'event',
  streamName: 'enrollment-pmwp-2026-ii',
  revision: position - 1,
  position: BigInt(position),
  eventId: `e-${position}`,
  type: 'PlaceRequested',
  data: { position },
  metadata: {},
})

/** A source of the records appended so far, recording the pages read and the listeners registered. */
const memorySource = (pageSize: number) => {
  const stored: StoredRecord[] = []
  const listeners = new Set<() => void>()
  const pagesRead: { readonly after: bigint; readonly upTo: bigint }[] = []
  let closed = false
  let failure: Error | undefined
  const source: SubscriptionSource = {
    headPosition: () => stored.at(-1)?.position ?? 0n,
    page: (after, upTo, limit) => {
      if (failure !== undefined) throw failure
      pagesRead.push({ after, upTo })
      return stored.filter(r => r.position > after && r.position <= upTo).slice(0, limit)
    },
    pageSize,
    pollIntervalMs: 10_000,
    listen: listener => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    isClosed: () => closed,
    closedMessage: 'the store is closed',
  }
  return {
    source,
    pagesRead,
    listeners,
    append: (count: number): void => {
      for (let i = 0; i < count; i++) stored.push(record(stored.length + 1))
      for (const listener of [...listeners]) listener()
    },
    close: (): void => {
      closed = true
      for (const listener of [...listeners]) listener()
    },
    failWith: (error: Error): void => {
      failure = error
    },
  }
}

const positionOf = (result: IteratorResult<unknown>): unknown =>
  result.done === true ? 'done' : (result.value as { readonly position: unknown }).position

describe('a subscription', () => {
  it('hands over a history longer than a page record by record, reading each page after the last, then caught-up', async () => {
    const memory = memorySource(2)
    memory.append(5)
    const iterator = openSubscription(memory.source, { after: 1n })[Symbol.asyncIterator]()
    const delivered: IteratorResult<unknown>[] = []
    for (let i = 0; i < 5; i++) delivered.push(await iterator.next())
    expect(delivered.map(positionOf)).toEqual([2n, 3n, 4n, 5n, 5n])
    expect(delivered[4]).toEqual({ done: false, value: { kind: 'caught-up', position: 5n } })
    // After the second full page nothing lies beyond the head: no third query.
    expect(memory.pagesRead).toEqual([
      { after: 1n, upTo: 5n },
      { after: 3n, upTo: 5n },
    ])
    await iterator.return?.()
  })

  it('answers, in order, several next() calls made while it waits for appends', async () => {
    const memory = memorySource(10)
    const iterator = openSubscription(memory.source)[Symbol.asyncIterator]()
    expect(await iterator.next()).toEqual({ done: false, value: { kind: 'caught-up', position: null } })
    const [first, second, third] = [iterator.next(), iterator.next(), iterator.next()]
    memory.append(2)
    expect((await Promise.all([first, second])).map(positionOf)).toEqual([1n, 2n])
    memory.append(1)
    expect(positionOf(await third)).toBe(3n)
    await iterator.return?.()
    expect(memory.listeners.size).toBe(0)
  })

  it('on a store closed before the first read, fails that read with StoreUnavailable and is then done', async () => {
    const memory = memorySource(10)
    memory.close()
    const iterator = openSubscription(memory.source)[Symbol.asyncIterator]()
    await expect(iterator.next()).rejects.toBeInstanceOf(StoreUnavailableError)
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
    expect(memory.listeners.size).toBe(0)
  })

  it('fails the read whose page fails, delivers nothing after it and lets go of the store', async () => {
    const memory = memorySource(2)
    memory.append(3)
    const iterator = openSubscription(memory.source)[Symbol.asyncIterator]()
    expect(positionOf(await iterator.next())).toBe(1n)
    expect(positionOf(await iterator.next())).toBe(2n)
    memory.failWith(new StoreUnavailableError('the disk went away'))
    await expect(iterator.next()).rejects.toThrow('the disk went away')
    expect(await iterator.next()).toEqual({ done: true, value: undefined })
    expect(memory.listeners.size).toBe(0)
  })

  it('stops handing over the page in hand once closed, and ends a pending wait', async () => {
    const memory = memorySource(10)
    memory.append(3)
    const subscription = openSubscription(memory.source)
    const iterator = subscription[Symbol.asyncIterator]()
    expect(positionOf(await iterator.next())).toBe(1n)
    await subscription.close()
    expect(await iterator.next()).toEqual({ done: true, value: undefined })

    const second = openSubscription(memory.source)[Symbol.asyncIterator]()
    for (let i = 0; i < 4; i++) await second.next()
    const pending = second.next()
    memory.close()
    expect(await pending).toEqual({ done: true, value: undefined })
  })
})
