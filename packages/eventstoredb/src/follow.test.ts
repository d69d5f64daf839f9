import { PassThrough } from 'node:stream'
import type { SubscribeToAllOptions } from '@eventstore/db-client'
import { describe, expect, it } from 'vitest'
import { type FollowAttempt, type FollowStep, followAll } from './follow.js'

/** A client whose subscription is a stream the test writes items into and emits signals on. */
const fakeClient = () => {
  const subscription = Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribed: false,
    unsubscribe: (): Promise<void> => {
      subscription.unsubscribed = true
      subscription.end()
      return Promise.resolve()
    },
  })
  const asked: SubscribeToAllOptions[] = []
  const client = {
    subscribeToAll: (options: SubscribeToAllOptions = {}) => {
      asked.push(options)
      return subscription
    },
  }
  const checkpoint = async (commit: bigint): Promise<void> => {
    await asked[0]?.filter?.checkpointReached?.(subscription, { commit, prepare: commit })
  }
  return { client, subscription, asked, checkpoint }
}

const steps = async (attempt: FollowAttempt, count: number): Promise<readonly FollowStep[]> => {
  const taken: FollowStep[] = []
  while (taken.length < count) taken.push(await attempt.next())
  return taken
}

const label = (step: FollowStep): string =>
  step.kind === 'item' ? String(step.value) : step.kind === 'signal' ? step.signal.kind : 'end'

describe('following $all', () => {
  it('asks for the prefix filter after the position, with a checkpoint every search window', () => {
    const fake = fakeClient()
    followAll(fake.client, 42n, 'enrollment-')
    expect(fake.asked[0]).toMatchObject({
      fromPosition: { commit: 42n, prepare: 42n },
      filter: { prefixes: ['enrollment-'], checkpointInterval: 1 },
    })
    followAll(fake.client, undefined, undefined)
    expect(fake.asked[1]).toMatchObject({ fromPosition: 'start', filter: { regex: '^[^$].*' } })
  })

  it('a caught-up signal comes after the events still buffered when it arrived, not before them', async () => {
    const fake = fakeClient()
    const attempt = followAll(fake.client, undefined, 'enrollment-')
    for (const item of ['a', 'b', 'c']) fake.subscription.write(item)
    fake.subscription.emit('caughtUp')
    fake.subscription.write('d')
    expect((await steps(attempt, 5)).map(label)).toEqual(['a', 'b', 'c', 'caught-up', 'd'])
  })

  it('a checkpoint is placed the same way, with its commit position', async () => {
    const fake = fakeClient()
    const attempt = followAll(fake.client, undefined, 'enrollment-')
    for (const item of ['a', 'b']) fake.subscription.write(item)
    await fake.checkpoint(7n)
    fake.subscription.write('c')
    expect(await steps(attempt, 4)).toEqual([
      { kind: 'item', value: 'a' },
      { kind: 'item', value: 'b' },
      { kind: 'signal', signal: { kind: 'checkpoint', position: 7n } },
      { kind: 'item', value: 'c' },
    ])
  })

  it('a signal with nothing buffered wakes a waiting step at once', async () => {
    const fake = fakeClient()
    const attempt = followAll(fake.client, undefined, undefined)
    const waiting = attempt.next()
    fake.subscription.emit('caughtUp')
    expect(await waiting).toEqual({ kind: 'signal', signal: { kind: 'caught-up' } })
  })

  it('stopping unsubscribes and ends a waiting step', async () => {
    const fake = fakeClient()
    const attempt = followAll(fake.client, undefined, undefined)
    const waiting = attempt.next()
    await attempt.stop()
    expect(await waiting).toEqual({ kind: 'end' })
    expect(fake.subscription.unsubscribed).toBe(true)
    expect(await attempt.next()).toEqual({ kind: 'end' })
  })

  it('the server ending the call ends the attempt', async () => {
    const fake = fakeClient()
    const attempt = followAll(fake.client, undefined, undefined)
    fake.subscription.write('a')
    fake.subscription.end()
    expect((await steps(attempt, 2)).map(label)).toEqual(['a', 'end'])
  })
})
