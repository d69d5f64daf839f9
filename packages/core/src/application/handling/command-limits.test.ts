// Sizes with bounds (issue 22): an actor's roles, and what one command may write in all.
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { enrollment, type EnrollmentCommand } from '../../enrollment/index.js'
import { Actor, type Role, roles } from '../../shared/actor.js'
import { nip } from '../../shared/nip.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { instant, localDate } from '../../shared/time.js'
import { decodeWith } from '../../kernel/decode.js'
import { inMemoryEventStore } from '../in-memory/index.js'
import { commandHandler } from './command-handler.js'
import { defaultMaxCommandBytes } from './new-events.js'

const admin = nip('197505052000031004')
const open = (actorRoles: readonly Role[]): EnrollmentCommand => ({
  type: 'OpenOffering',
  at: instant('2026-02-02T09:00:00+07:00'),
  // The types allow a role list of any length: the handler decodes the actor before anything is stored.
  actor: { kind: 'asn', nip: admin, roles: actorRoles },
  data: {
    offeringId: 'batas-2026',
    title: 'Pelatihan Pelayanan Prima',
    provider: 'BKPSDM Kota Medan',
    venue: 'Aula BKPSDM Kota Medan',
    form: 'pelatihan-teknis',
    competency: { type: 'teknis', code: 'PELAYANAN-PRIMA' },
    jp: 24,
    capacity: 30,
    schedule: { start: localDate('2026-03-02'), end: localDate('2026-03-06') },
  },
})

describe('bounds on what a command carries', () => {
  it('an actor lists each role at most once: 100,000 roles are refused, naming the rule, and nothing is stored', async () => {
    const many = Array.from({ length: 100_000 }, (): Role => 'admin-pelatihan')
    expect(decodeWith(Actor)({ kind: 'asn', nip: admin, roles: many })).toMatchObject(
      E.left({ issues: [{ path: 'roles', rule: `must list each role at most once (at most ${roles.length} roles)` }] }),
    )
    const store = inMemoryEventStore()
    const handler = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })
    const outcome = await handler.handle(open(many), { commandId: 'open-many' })()
    expect(outcome).toMatchObject(
      E.left({
        kind: 'invalid-event',
        reason: expect.stringContaining('roles must list each role at most once') as unknown,
      }),
    )
    expect(await store.streamRevision('enrollment-batas-2026')()).toEqual(E.right('no-stream'))
    expect(decodeWith(Actor)({ kind: 'asn', nip: admin, roles: [...roles] })).toMatchObject(E.right({}))
  })

  it('a command whose events take more than maxCommandBytes is refused as invalid-event naming the limit', async () => {
    const store = inMemoryEventStore()
    const small = commandHandler({ store, aggregate: enrollment, config: defaultPolicy, maxCommandBytes: 400 })
    expect(await small.handle(open(['admin-pelatihan']), { commandId: 'open-1' })()).toEqual(
      E.left({
        kind: 'invalid-event',
        streamName: 'enrollment-batas-2026',
        eventType: 'OfferingOpened',
        reason:
          "the command's events take more than 400 bytes (the limit of what one command may write; maxCommandBytes)",
      }),
    )
    expect(await store.streamRevision('enrollment-batas-2026')()).toEqual(E.right('no-stream'))
    const usual = commandHandler({ store, aggregate: enrollment, config: defaultPolicy })
    expect(E.isRight(await usual.handle(open(['admin-pelatihan']), { commandId: 'open-1' })())).toBe(true)
    expect(defaultMaxCommandBytes).toBe(1_000_000)
  })
})
