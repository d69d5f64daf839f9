// The shortest real use of a store: decode a command, handle it (load, decide, append with the expected revision),
// read the stream back and verify its hash chain. The same code runs on the in-memory and the SQLite store.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterAll, describe, expect, it } from 'vitest'
import {
  commandHandler,
  decodeWith,
  defaultPolicy,
  enrollment,
  EnrollmentCommand,
  type EventStore,
  formatHandleFailure,
  inMemoryEventStore,
  verifyChain,
} from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'

const dir = mkdtempSync(join(tmpdir(), 'pembina-example-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

const openOffering = {
  type: 'OpenOffering',
  at: '2026-02-02T09:00:00+07:00',
  actor: { kind: 'asn', nip: '196608011988031001', roles: ['asn', 'pyb'] },
  data: {
    offeringId: 'pmwp-2026-ii',
    title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
    provider: 'BKPSDM Kota Medan',
    venue: 'Aula BKPSDM Kota Medan',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.04' },
    jp: 24,
    capacity: 30,
    schedule: { start: '2026-03-03', end: '2026-03-05' },
  },
}

const stores: readonly (readonly [string, () => EventStore])[] = [
  ['in memory', () => inMemoryEventStore()],
  ['SQLite', () => sqliteEventStore({ path: join(dir, 'pembina.sqlite') })],
]

describe.each(stores)('handling a command on the %s store', (_name, open) => {
  it('writes the events once, with a hash chain anyone can verify', async () => {
    const store = open()
    const handler = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })

    const command = decodeWith(EnrollmentCommand)(openOffering) // external input is decoded first
    if (E.isLeft(command)) throw new Error('the example command decodes')
    const result = await handler.handle(command.right, { commandId: 'c9a1f0e2-3b4d-4c5e-8f60-718293a4b5c6' })()
    if (E.isLeft(result)) throw new Error(formatHandleFailure(result.left))
    expect(result.right.events.map(written => written.event.type)).toEqual(['OfferingOpened'])

    // The same command id again: the first outcome, nothing written.
    const again = await handler.handle(command.right, { commandId: 'c9a1f0e2-3b4d-4c5e-8f60-718293a4b5c6' })()
    expect(E.isRight(again) && again.right.written).toBe(false)

    const verdict = await verifyChain(store.readStream(enrollment.streamOf(command.right)))
    expect(verdict.valid).toBe(true)
    await store.close()
  })
})
