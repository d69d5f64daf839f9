// A load run: the service in a process of its own on a fresh SQLite store, autocannon in this one, a realistic mix of
// commands (each under an Idempotency-Key of its own, on many streams) and reads; then the store is checked: every
// command acknowledged is in it exactly once, and every chain verifies.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultPolicy, runAudit } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import autocannon from 'autocannon'
import { client } from './client.js'
import {
  approvePlace,
  fileComplaint,
  openOffering,
  registryCommands,
  requestPlace,
  type ScenarioCommand,
  staffNip,
  verifyComplaint,
} from './scenario.js'
import { startServiceProcess } from './service-process.js'

/** How a load run is made. */
export interface LoadOptions {
  /** Seconds of load (120 for the figures in the README). */
  readonly duration: number
  /** Concurrent connections (default 10). */
  readonly connections?: number
  /** Members of staff in the registry, and training offerings: a place is requested per pair (default 500 × 60). */
  readonly staff?: number
  readonly offerings?: number
  /** Print autocannon's progress and table (default false). */
  readonly progress?: boolean
}

/** What a load run measured and found. */
export interface LoadReport {
  readonly durationSeconds: number
  readonly connections: number
  readonly requests: number
  readonly requestsPerSecond: number
  readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number }
  /** Answers by status, for commands and reads apart. */
  readonly statuses: Readonly<Record<string, number>>
  /** Connection errors and timeouts. */
  readonly errors: number
  readonly timeouts: number
  /** Commands answered 201, events they wrote, and what the check of the store found. */
  readonly acknowledged: number
  readonly acknowledgedEvents: number
  /** Commands still in flight when the run ended (autocannon drops their answers), and how many of them were written. */
  readonly inFlightAtEnd: number
  readonly inFlightWritten: number
  readonly problems: readonly string[]
  readonly serviceExitCode: number | null
  readonly auditedStreams: number
}

/** The mix, per connection, cycle after cycle: four commands on four streams, and three reads. */
const cycleLength = 7

/** A connection's cycle: its number, and the number of the connection's cycle before it (none on its first). */
interface Cycle {
  readonly n: number
  readonly previous: number | undefined
}

/** Runs the load and checks the store afterwards. */
export const runLoad = async (options: LoadOptions): Promise<LoadReport> => {
  const staffCount = options.staff ?? 500
  const offeringCount = options.offerings ?? 60
  const connections = options.connections ?? 10
  const dir = mkdtempSync(join(tmpdir(), 'pembina-load-'))
  const path = join(dir, 'load.db')
  const secret = randomBytes(32).toString('base64url')
  const service = await startServiceProcess(['--store', `sqlite:${path}`], { PEMBINA_JWT_SECRET: secret })
  let serviceExitCode: number | null = null
  try {
    const http = client(service.url, secret)
    const offeringIds = Array.from({ length: offeringCount }, (_, j) => `load-${String(j).padStart(3, '0')}`)
    // The offerings start next year: places are requested and approved before an offering starts.
    const seed = [
      ...registryCommands(staffCount),
      ...offeringIds.map(id => openOffering(id, { start: '2027-03-01', end: '2027-03-03' })),
    ]
    for (const command of seed) {
      const reply = await http.send(command)
      if (reply.status !== 201) throw new Error(`seeding ${command.key}: ${reply.status} ${JSON.stringify(reply.body)}`)
    }

    // Each cycle n files complaint n and verifies it, requests and approves the place of pair n (staff × offering, so
    // each pair once), then reads the complaint of the connection's cycle before, the offering's roster and the member
    // of staff's record.
    let next = 0
    const cycles = new WeakMap<object, Cycle>()
    const cycleOf = (context: object): Cycle => {
      const cycle = cycles.get(context)
      if (cycle === undefined) throw new Error('a request of a cycle before its first')
      return cycle
    }
    const pairOf = (n: number) => ({
      offering: offeringIds[n % offeringCount] ?? '',
      staff: Math.floor(n / offeringCount) % staffCount,
    })
    const complaintIdOf = (n: number): string => `load-${String(n).padStart(7, '0')}`
    const tokens = new Map<string, string>()
    const tokenOf = async (command: ScenarioCommand): Promise<string> => {
      const id = JSON.stringify(command.as)
      const known = tokens.get(id)
      if (known !== undefined) return known
      const token = await http.tokenOf(command.as)
      tokens.set(id, token)
      return token
    }
    // Tokens are minted before the run (a login service would have issued them), so the run measures the service.
    const commandOf = {
      file: (n: number) => ({ ...fileComplaint(complaintIdOf(n), n, '2026-12-01'), key: `load/file/${n}` }),
      verify: (n: number) => ({ ...verifyComplaint(complaintIdOf(n)), key: `load/verify/${n}` }),
      request: (n: number) => requestPlace(pairOf(n).offering, pairOf(n).staff, `load/request/${n}`),
      approve: (n: number) => approvePlace(pairOf(n).offering, pairOf(n).staff, `load/approve/${n}`),
    }
    for (let n = 0; n < 500; n++) await tokenOf(commandOf.file(n))
    for (let i = 0; i < staffCount; i++) await tokenOf(requestPlace(offeringIds[0] ?? '', i))
    await tokenOf(commandOf.verify(0))
    await tokenOf(commandOf.approve(0))
    const readerToken = await tokenOf(commandOf.approve(0))
    const tokenNow = (command: ScenarioCommand): string => {
      const token = tokens.get(JSON.stringify(command.as))
      if (token === undefined) throw new Error(`no token minted for ${command.key}`)
      return token
    }

    const acknowledged = new Map<string, readonly string[]>()
    // Commands sent and not yet answered: those still in flight when the run ends are dropped by autocannon unanswered,
    // as a client that gives up would; each may or may not have been written (its retry, under its key, would tell).
    const unanswered = new Set<string>()
    const statuses: Record<string, number> = {}
    const count = (kind: string, status: number): void => {
      const key = `${kind} ${status}`
      statuses[key] = (statuses[key] ?? 0) + 1
    }
    const commandRequest = (kind: keyof typeof commandOf, first = false): autocannon.Request => ({
      method: 'POST',
      setupRequest: (request, context) => {
        if (first) cycles.set(context, { n: next++, previous: cycles.get(context)?.n })
        const command = commandOf[kind](cycleOf(context).n)
        unanswered.add(command.key)
        return {
          ...request,
          method: 'POST',
          path: `/commands/${command.category}`,
          headers: {
            authorization: `Bearer ${tokenNow(command)}`,
            'content-type': 'application/json',
            'idempotency-key': command.key,
          },
          body: JSON.stringify(command.body),
        }
      },
      onResponse: (status, body, context) => {
        unanswered.delete(commandOf[kind](cycleOf(context).n).key)
        count(`POST ${kind}`, status)
        if (status !== 201) return
        const answer: unknown = JSON.parse(body)
        if (typeof answer !== 'object' || answer === null || !('commandId' in answer) || !('events' in answer)) return
        const { commandId, events } = answer
        if (typeof commandId !== 'string' || !Array.isArray(events)) return
        acknowledged.set(
          commandId,
          events.map((event: unknown) =>
            typeof event === 'object' && event !== null && 'eventId' in event ? String(event.eventId) : '',
          ),
        )
      },
    })
    const readRequest = (kind: string, pathOf: (cycle: Cycle) => string): autocannon.Request => ({
      method: 'GET',
      setupRequest: (request, context) => ({
        ...request,
        method: 'GET',
        path: pathOf(cycleOf(context)),
        headers: { authorization: `Bearer ${readerToken}` },
      }),
      onResponse: status => {
        count(`GET ${kind}`, status)
      },
    })
    const requests = [
      commandRequest('file', true),
      commandRequest('verify'),
      commandRequest('request'),
      commandRequest('approve'),
      // The complaint the connection filed in its cycle before, as the desk follows it: the read models are eventually
      // consistent, so one filed a moment ago may not be on the board yet (a 404, expected).
      readRequest('complaint', ({ n, previous }) => `/complaints/${complaintIdOf(previous ?? n)}`),
      readRequest('roster', ({ n }) => `/offerings/${pairOf(n).offering}`),
      readRequest('asn', ({ n }) => `/personnel/asn/${staffNip(pairOf(n).staff)}`),
    ]
    if (requests.length !== cycleLength) throw new Error('the cycle changed: update cycleLength')

    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const run = autocannon(
        { url: service.url, connections, duration: options.duration, requests, timeout: 30 },
        (error: Error | null, done: autocannon.Result) => {
          if (error === null) resolve(done)
          else reject(error)
        },
      )
      if (options.progress === true) autocannon.track(run, { renderProgressBar: true, renderResultsTable: true })
    })

    serviceExitCode = await service.stop()
    const problems: string[] = []
    if (serviceExitCode !== 0) problems.push(`the service exited with ${String(serviceExitCode)} after SIGTERM`)
    for (const [kind, n] of Object.entries(statuses))
      if (!/ 20[01]$/.test(kind) && !kind.startsWith('GET complaint 404')) problems.push(`${n} answers ${kind}`)
    if (result.errors > 0) problems.push(`${result.errors} connection errors (${result.timeouts} timeouts)`)

    // The store, read back: every acknowledged command's events are there exactly once, under its id.
    const store = sqliteEventStore({ path })
    let auditedStreams = 0
    let inFlightWritten = 0
    try {
      const byCommand = new Map<string, string[]>()
      const eventIds = new Set<string>()
      for await (const record of store.readAll()) {
        if (record.kind !== 'event') {
          problems.push(`a corrupt record at ${record.streamName}@${record.revision}`)
          continue
        }
        if (eventIds.has(record.eventId)) problems.push(`event ${record.eventId} is stored twice`)
        eventIds.add(record.eventId)
        const metadata = record.metadata
        const commandId =
          typeof metadata === 'object' && metadata !== null && 'commandId' in metadata ? String(metadata.commandId) : ''
        if (commandId.startsWith('load/'))
          byCommand.set(commandId, [...(byCommand.get(commandId) ?? []), record.eventId])
      }
      inFlightWritten = [...unanswered].filter(key => byCommand.has(key)).length
      for (const [commandId, ids] of acknowledged) {
        const stored = byCommand.get(commandId) ?? []
        if (JSON.stringify(stored) !== JSON.stringify(ids))
          problems.push(`${commandId}: acknowledged ${JSON.stringify(ids)}, stored ${JSON.stringify(stored)}`)
      }
      for (const commandId of byCommand.keys())
        if (!acknowledged.has(commandId) && !unanswered.has(commandId))
          problems.push(`${commandId} is stored but was answered otherwise`)
      const { findings, summary } = await runAudit(store, { config: defaultPolicy })
      for (const finding of findings) problems.push(`audit: ${finding.kind} ${finding.streamName}: ${finding.message}`)
      auditedStreams = summary.streams
    } finally {
      await store.close()
    }

    return {
      durationSeconds: result.duration,
      connections,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
      statuses,
      errors: result.errors,
      timeouts: result.timeouts,
      acknowledged: acknowledged.size,
      acknowledgedEvents: [...acknowledged.values()].reduce((sum, ids) => sum + ids.length, 0),
      inFlightAtEnd: unanswered.size,
      inFlightWritten,
      problems,
      serviceExitCode,
      auditedStreams,
    }
  } finally {
    if (serviceExitCode === null) await service.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
