// Commands over real HTTP: each status the service answers, and a retried request written once and answered alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  approvePlace,
  citizen,
  desk,
  fileComplaint,
  head,
  openOffering,
  pyb,
  registryCommands,
  requestPlace,
  staff,
  staffNip,
} from '../../examples/http-service/load/scenario.js'
import { mintToken } from '../../examples/http-service/src/auth.js'
import { commandIdOf, secret, startTestService, storedEvents, type TestService } from './support.js'

let running: TestService
beforeAll(async () => {
  running = await startTestService()
  await running.sendAll(registryCommands(3))
  await running.sendAll([openOffering('prima-2026-i', { start: '2026-03-02', end: '2026-03-04' }, 1)])
}, 60_000)
afterAll(async () => {
  await running.cleanup()
}, 30_000)

const post = async (path: string, headers: Readonly<Record<string, string>>, body: unknown) => {
  const response = await fetch(`${running.service.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  const json: unknown = await response.json()
  return { status: response.status, headers: response.headers, body: json }
}

describe('commands over HTTP', { timeout: 30_000 }, () => {
  it('a command is written once: 201 with its events, and a retry under the same key gets the same answer', async () => {
    const command = requestPlace('prima-2026-i', 0)
    const first = await running.client.send(command)
    const retry = await running.client.send(command)
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      commandId: command.key,
      streamName: 'enrollment-prima-2026-i',
      events: [{ type: 'PlaceRequested' }],
    })
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    const written = (await storedEvents(running.path)).filter(event => commandIdOf(event) === command.key)
    expect(written.map(event => event.type)).toEqual(['PlaceRequested'])
  })

  it('a command that changes nothing is answered 200 with no events, the same on retry', async () => {
    const again = { ...requestPlace('prima-2026-i', 0), key: 'request-again/0' }
    const first = await running.client.send(again)
    const retry = await running.client.send(again)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ events: [], position: null })
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body })
  })

  it('a domain rejection is 422 with its code, message and Indonesian term, kept for a retry after the stream moved on', async () => {
    await running.sendAll([requestPlace('prima-2026-i', 1), approvePlace('prima-2026-i', 0)])
    const refused = await running.client.send(approvePlace('prima-2026-i', 1))
    expect(refused.status).toBe(422)
    expect(refused.body).toEqual({
      error: 'rejected',
      code: 'capacity-reached',
      message: 'Approved places may not exceed the capacity of the offering',
      term: 'kuota penuh',
      streamName: 'enrollment-prima-2026-i',
    })
    // The only place is given up: a new approval goes through, but the refused request, retried, is refused as before.
    await running.sendAll([
      {
        category: 'enrollment',
        key: 'withdraw/0',
        as: staff(0),
        body: { type: 'WithdrawPlace', data: { offeringId: 'prima-2026-i', nip: staffNip(0), reason: 'Dinas luar' } },
      },
    ])
    const retried = await running.client.send(approvePlace('prima-2026-i', 1))
    expect({ status: retried.status, body: retried.body }).toEqual({ status: 422, body: refused.body })
    expect(retried.headers.get('idempotent-replayed')).toBe('true')
    expect((await running.client.send(approvePlace('prima-2026-i', 1, 'approve-later/1'))).status).toBe(201)
  })

  it('a key used for another request is refused with 422, and nothing is written under it again', async () => {
    const reused = { ...requestPlace('prima-2026-i', 2), key: requestPlace('prima-2026-i', 0).key }
    const reply = await running.client.send(reused)
    expect(reply.status).toBe(422)
    expect(reply.body).toMatchObject({ error: 'idempotency-key-reused' })
    const written = (await storedEvents(running.path)).filter(event => commandIdOf(event) === reused.key)
    expect(written).toHaveLength(1)
  })

  it('a body that does not decode is 400, naming each field and the rule it broke', async () => {
    const offering = openOffering('bad-2026', { start: '2026-03-02', end: '2026-03-04' }, 0)
    const reply = await running.client.send({
      ...offering,
      body: { ...offering.body, data: { ...offering.body.data, title: ' ' } },
    })
    expect(reply.status).toBe(400)
    expect(reply.body).toMatchObject({ error: 'invalid-command' })
    expect(reply.body).toHaveProperty(
      'issues',
      expect.arrayContaining([
        { path: 'data.capacity', rule: 'must be a whole number from 1 to 1000' },
        { path: 'data.title', rule: 'must hold a visible character (it is blank to a reader)' },
      ]),
    )
    const unknownType = await running.client.send({ ...offering, body: { type: 'OpenOfering', data: {} } })
    expect(unknownType.status).toBe(400)
    expect(unknownType.body).toMatchObject({ issues: [{ path: 'type' }] })
    const token = await running.client.tokenOf(pyb)
    const withActor = await post(
      '/commands/enrollment',
      { authorization: `Bearer ${token}`, 'idempotency-key': 'with-actor' },
      { ...offering.body, actor: { kind: 'system', process: 'x' } },
    )
    expect(withActor.body).toMatchObject({
      issues: [{ path: 'actor', rule: 'is set by the service, from the bearer token' }],
    })
  })

  it('a command without an Idempotency-Key is 400: the key is its command id', async () => {
    const token = await running.client.tokenOf(pyb)
    const reply = await post(
      '/commands/enrollment',
      { authorization: `Bearer ${token}` },
      openOffering('x', { start: '2026-03-02', end: '2026-03-04' }).body,
    )
    expect(reply.status).toBe(400)
    expect(reply.body).toMatchObject({ error: 'idempotency-key-required' })
  })

  it('without a valid bearer token a command is 401: none, another key, expired', async () => {
    const body = requestPlace('prima-2026-i', 2).body
    const none = await post('/commands/enrollment', { 'idempotency-key': 'k-401' }, body)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    const forged = await mintToken(staff(2), { secret: 'another-key-another-key-another-key' })
    const expired = await mintToken(staff(2), { secret, expiresIn: '-1m' })
    for (const token of [forged, expired, 'not-a-jwt']) {
      const reply = await post(
        '/commands/enrollment',
        { 'idempotency-key': 'k-401', authorization: `Bearer ${token}` },
        body,
      )
      expect(reply.status, token).toBe(401)
      expect(reply.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"')
    }
    expect((await storedEvents(running.path)).filter(event => commandIdOf(event) === 'k-401')).toEqual([])
  })

  it('a command the claims cannot send is 403: a citizen opening an offering, a head appointing, anyone a policy command', async () => {
    const offering = openOffering('citizen-2026', { start: '2026-03-02', end: '2026-03-04' })
    expect((await running.client.send({ ...offering, as: citizen('warga-0001') })).status).toBe(403)
    const appoint = registryCommands(1).at(-1)
    if (appoint === undefined) throw new Error('no appointment in the registry')
    const byHead = await running.client.send({ ...appoint, key: 'appoint-by-head', as: head })
    expect(byHead.status).toBe(403)
    expect(byHead.body).toMatchObject({
      error: 'forbidden',
      message: 'an ASN with roles [asn, atasan] cannot send AppointAsn',
    })
    const confirm = await running.client.send({
      category: 'mentorship',
      key: 'confirm-by-pyb',
      as: pyb,
      body: { type: 'ConfirmMentorship', data: { mentorshipId: 'm-1' } },
    })
    expect(confirm.status).toBe(403)
  })

  it("a complaint's personal data is sealed before it is stored: no event holds the complainant's name or text", async () => {
    const filing = fileComplaint('blw-2026-000001', 1, '2026-01-30')
    const reply = await running.client.send(filing)
    expect(reply.status).toBe(201)
    expect((await running.client.send({ ...filing, key: 'file-by-desk', as: desk })).status).toBe(422)
    const stored = JSON.stringify(
      (await storedEvents(running.path))
        .filter(event => event.streamName === 'complaint-blw-2026-000001')
        .map(event => event.data),
    )
    expect(stored).toContain('AES-256-GCM')
    expect(stored).not.toContain('Warga Belawan 1')
    expect(stored).not.toContain('Antrean')
  })
})
