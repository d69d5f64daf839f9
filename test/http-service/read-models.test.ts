// The read models over real HTTP: a command shows in them once the projector has caught up, the reactor runs the
// policies in the same process, lists are paged, and reads are for ASN only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Claims } from '../../examples/http-service/src/auth.js'
import {
  citizen,
  headAsMentor,
  headNip,
  openOffering,
  puskesmas,
  pyb,
  registryCommands,
  requestPlace,
  staff,
  staffNip,
} from '../../examples/http-service/load/scenario.js'
import { eventually, startTestService, type TestService } from './support.js'

let running: TestService
beforeAll(async () => {
  running = await startTestService()
  await running.sendAll(registryCommands(2))
}, 60_000)
afterAll(async () => {
  await running.cleanup()
}, 30_000)

const get = async (path: string, as: Claims = pyb) => running.client.get(path, as)
const bodyOf = (reply: { readonly body: unknown }): Readonly<Record<string, unknown>> =>
  typeof reply.body === 'object' && reply.body !== null ? { ...reply.body } : {}

describe('read models over HTTP', { timeout: 30_000 }, () => {
  it('an offering roster shows a requested place once the projector has caught up', async () => {
    await running.sendAll([
      openOffering('prima-2026-i', { start: '2026-03-02', end: '2026-03-04' }),
      requestPlace('prima-2026-i', 0),
    ])
    await eventually(async () => {
      const reply = await get('/offerings/prima-2026-i')
      return reply.status === 200 && bodyOf(reply).waiting === 1
    })
    const roster = bodyOf(await get('/offerings/prima-2026-i'))
    expect(roster).toMatchObject({ offeringId: 'prima-2026-i', capacity: 1000, placesLeft: 1000 })
    expect(roster.places).toEqual([expect.objectContaining({ nip: staffNip(0), status: 'pending' })])
  })

  it('lists are paged: offset, limit, the total and the next offset', async () => {
    await running.sendAll(
      ['ii', 'iii'].map(n => openOffering(`prima-2026-${n}`, { start: '2026-04-06', end: '2026-04-08' })),
    )
    await eventually(async () => bodyOf(await get('/offerings')).total === 3)
    const first = bodyOf(await get('/offerings?limit=2'))
    expect(first).toMatchObject({ total: 3, offset: 0, limit: 2, nextOffset: 2 })
    expect(first.items).toHaveLength(2)
    const last = bodyOf(await get('/offerings?limit=2&offset=2'))
    expect(last).toMatchObject({ total: 3, offset: 2, limit: 2, nextOffset: null })
    expect(last.items).toEqual([expect.objectContaining({ offeringId: 'prima-2026-iii' })])
  })

  it('the reactor runs in the service: an accepted mentorship takes a place in the mentor roster and becomes active', async () => {
    await running.sendAll([
      {
        category: 'mentorship',
        key: 'propose/m-1',
        as: staff(1),
        body: {
          type: 'ProposeMentorship',
          data: {
            mentorshipId: 'm-1',
            form: 'mentoring',
            mentor: { nip: headNip, rank: 'IV/a' },
            mentee: { nip: staffNip(1), rank: 'III/a' },
            unit: puskesmas.name,
            goals: [{ goalId: 'laporan', description: 'Menulis laporan kegiatan yang lengkap dan tepat waktu' }],
            plannedSessions: 4,
          },
        },
      },
      {
        category: 'mentorship',
        key: 'accept/m-1',
        as: headAsMentor,
        body: { type: 'AcceptMentorship', data: { mentorshipId: 'm-1' } },
      },
    ])
    await eventually(async () => bodyOf(await get(`/mentors/${headNip}`)).activeMentorships === 1)
    expect(bodyOf(await get(`/mentors/${headNip}`))).toMatchObject({
      placesHeld: 1,
      active: [expect.objectContaining({ mentorshipId: 'm-1' })],
    })
  })

  it("an ASN's record, and a unit's staff, show the sealed NIK and phone as markers, never their ciphertext", async () => {
    await eventually(async () => (await get(`/personnel/asn/${staffNip(0)}`)).status === 200)
    const record = bodyOf(await get(`/personnel/asn/${staffNip(0)}`))
    expect(record.nik).toMatchObject({ status: 'sealed', subjectId: `asn-${staffNip(0)}` })
    expect(JSON.stringify(record)).not.toContain('ciphertext')
    const staffList = await get(`/personnel/units/${puskesmas.unitId}/staff`)
    expect(bodyOf(staffList).total).toBe(4)
    expect(JSON.stringify(staffList.body)).not.toContain('ciphertext')
  })

  it('an unknown offering is 404, a bad paging query 400 naming the parameter', async () => {
    expect((await get('/offerings/no-such-offering')).status).toBe(404)
    const bad = await get('/offerings?limit=0')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({
      error: 'invalid-query',
      issues: [{ path: 'limit', rule: 'must be a whole number from 1 to 500' }],
    })
    expect((await get('/learning-hours/12345')).status).toBe(400)
  })

  it('reads need an ASN token: none is 401, a citizen 403', async () => {
    const none = await fetch(`${running.service.url}/offerings`)
    expect(none.status).toBe(401)
    expect((await get('/offerings', citizen('warga-0001'))).status).toBe(403)
  })

  it('/health says every projector and the reactor are live', async () => {
    const health = bodyOf(await get('/health'))
    expect(health.status).toBe('ok')
    expect(health.projectors).toHaveLength(6)
    expect(health.reactor).toMatchObject({ phase: 'live' })
  })
})
