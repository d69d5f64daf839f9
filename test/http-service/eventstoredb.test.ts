// The service on EventStoreDB, chosen by its connection string (here the in-process test server that speaks its gRPC
// protocol): commands written through the optimistic path, retried alike, projected and reacted to.
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EsdbTestServer, startEsdbTestServer } from '../esdb-server/index.js'
import {
  openOffering,
  pyb,
  registryCommands,
  requestPlace,
  staffNip,
} from '../../examples/http-service/load/scenario.js'
import { eventually, startTestService, type TestService } from './support.js'

let server: EsdbTestServer
let running: TestService
beforeAll(async () => {
  server = await startEsdbTestServer()
  running = await startTestService(path => ({
    store: server.connectionString,
    files: {
      readModels: join(dirname(path), 'read-models.db'),
      keys: join(dirname(path), 'keys.db'),
      requests: join(dirname(path), 'requests.db'),
    },
  }))
}, 60_000)
afterAll(async () => {
  await running.cleanup()
  await server.close()
}, 30_000)

describe('the service on EventStoreDB', { timeout: 30_000 }, () => {
  it('writes a command once, answers its retry alike, and projects it', async () => {
    await running.sendAll([
      ...registryCommands(1),
      openOffering('prima-2026-i', { start: '2026-03-02', end: '2026-03-04' }),
    ])
    const request = requestPlace('prima-2026-i', 0)
    const first = await running.client.send(request)
    const retry = await running.client.send(request)
    expect(first.status).toBe(201)
    expect({ status: retry.status, body: retry.body }).toEqual({ status: first.status, body: first.body })
    await eventually(async () => {
      const roster = await running.client.get('/offerings/prima-2026-i', pyb)
      return JSON.stringify(roster.body).includes(staffNip(0))
    })
  })
})
