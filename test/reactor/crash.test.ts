// A reactor crediting 1,200 completed places on an SQLite file is killed with SIGKILL at 20 seeded moments spread over
// its work, and restarted on the same file each time; in the end every completed place has been credited exactly once
// (none twice, none missing), every place of an ASN without a profile is parked once, and every chain verifies.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Nip, reactionCommandIdOf } from '@pembina/core'
import { parkedEntries } from '@pembina/projections'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'
import { killAtCheckpoint } from '../reliability/kill-at-checkpoint.js'
import { between, mulberry32 } from '../reliability/seeded-random.js'
import { auditStore } from '../reliability/store-audit.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { completePlaces, profileEvents, registerProfiles, staffNip } from './fixtures.js'

const profiles = 120
const offerings = 40
const perOffering = 30
const unregistered = [staffNip(500), staffNip(501), staffNip(502)]
const kills = 20
const batchSize = 10
const seed = 0x0dd_ba15

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-reactor-crash-')
})
afterEach(() => {
  dir.remove()
})

/** Who takes part in the k-th offering: 30 registered ASN in rotation, and in the first three one without a profile. */
const participantsOf = (k: number): readonly Nip[] => {
  const registered = Array.from({ length: perOffering }, (_, j) => staffNip((k * 7 + j) % profiles))
  const stranger = unregistered[k]
  return stranger === undefined ? registered : [...registered.slice(1), stranger]
}

/** Runs the reactor process until its checkpoint passes `target`, then kills it after `pauseMs`. */
const runUntil = async (file: string, target: bigint, pauseMs: number) => {
  const run = await killAtCheckpoint('../reactor/crash-reactor.ts', [file, String(batchSize)], target, pauseMs)
  return { killedAt: run.killedAt, finished: run.finished, signal: run.exit.signal }
}

describe('a reactor killed with SIGKILL while it credits completed places', () => {
  it('ends, after 20 kills and restarts, with every place credited exactly once and every chain intact', async () => {
    const file = dir.file('pembina.db')
    const setup = sqliteEventStore({ path: file, durability: 'normal' })
    const staff = Array.from({ length: profiles }, (_, i) => staffNip(i))
    await registerProfiles(setup, staff)
    const places = new Map<Nip, string[]>()
    for (let k = 0; k < offerings; k++) {
      const offeringId = `crash-${String(k).padStart(3, '0')}`
      await completePlaces(setup, offeringId, participantsOf(k))
      for (const who of participantsOf(k)) places.set(who, [...(places.get(who) ?? []), offeringId])
    }
    let last = 0n
    for await (const record of setup.readAll()) last = record.position
    await setup.close()

    const random = mulberry32(seed)
    // Kill moments spread over the history after the profiles: each run is killed once its checkpoint passes the next.
    const first = BigInt(profiles)
    const targets = Array.from({ length: kills }, () => first + BigInt(between(random, 1, Number(last - first)))).sort(
      (a, b) => (a < b ? -1 : a > b ? 1 : 0),
    )
    const reached: bigint[] = []
    let interrupted = 0
    for (const target of targets) {
      const run = await runUntil(file, target, between(random, 0, 20))
      reached.push(run.killedAt ?? 0n)
      if (run.signal === 'SIGKILL' && !run.finished) interrupted++
    }
    // Never killed: its own credits come after `last`, so no position short of infinity is a target for it.
    const final = await runUntil(file, BigInt(Number.MAX_SAFE_INTEGER), 0)
    expect(final.finished).toBe(true)
    expect(interrupted).toBe(kills)

    const store = sqliteEventStore({ path: file })
    const checkpoints = sqliteReadModelStore({ path: file })
    try {
      // Every completed place of a registered ASN is credited once: no offering twice, none missing.
      for (const who of staff) {
        const events = await profileEvents(store, who)
        const credits = events.flatMap(({ event }) =>
          event.type === 'LearningCredited' && event.data.source.kind === 'training'
            ? [event.data.source.offeringId]
            : [],
        )
        expect(credits, who).toEqual(places.get(who) ?? [])
        // Each credit written by the one command the reactor derives for its source event.
        for (const { event, metadata } of events)
          if (event.type === 'LearningCredited')
            expect(metadata.commandId).toBe(reactionCommandIdOf(metadata.causationId, 'credit-training', 0))
      }
      // Every place of an ASN without a profile is parked, once.
      const parked = await parkedEntries(checkpoints)
      expect(parked.map(entry => (entry.kind === 'command' ? entry.command['data'] : undefined))).toHaveLength(
        unregistered.length,
      )
      expect(parked.every(entry => entry.reason.code === 'profile-not-registered')).toBe(true)
      for (const who of unregistered) expect(await profileEvents(store, who)).toEqual([])
      const audit = await auditStore(store)
      expect(audit.unreadable).toEqual([])
      expect(audit.brokenChains).toEqual([])
      expect(audit.duplicateEventIds).toEqual([])
    } finally {
      await store.close()
      await checkpoints.close()
    }
    console.info(`reactor crash: ${kills} kills at checkpoints ${reached.join(', ')}`)
  }, 240_000)
})
