// Runs the HTTP service of examples/http-service on a fresh SQLite store in a temporary folder, on 127.0.0.1 and a
// port the system picks, with a clock that ticks one second per reading from 2 February 2026, 09:00 WIB.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StoredEvent } from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { type Client, client } from '../../examples/http-service/load/client.js'
import type { ScenarioCommand } from '../../examples/http-service/load/scenario.js'
import { instantOf } from '../../examples/http-service/src/clock.js'
import { type Service, type ServiceOptions, startService } from '../../examples/http-service/src/service.js'

/** The key the tests' tokens are signed with. */
export const secret = 'the-http-service-tests-sign-their-tokens-with-this-key'

/** A service under test, a client of it, and where its files are. */
export interface TestService {
  readonly service: Service
  readonly client: Client
  readonly path: string
  readonly dir: string
  /** Sends commands one after the other, and fails unless each is answered 201 or 200. */
  readonly sendAll: (commands: readonly ScenarioCommand[]) => Promise<void>
  /** Closes the service and deletes its files. */
  readonly cleanup: () => Promise<void>
}

/** Starts the service on a fresh store; `options` override the test defaults (and may replace the event store). */
export const startTestService = async (
  options: Partial<ServiceOptions> | ((path: string) => Partial<ServiceOptions>) = {},
): Promise<TestService> => {
  const dir = mkdtempSync(join(tmpdir(), 'pembina-http-'))
  const path = join(dir, 'events.db')
  let ms = Date.parse('2026-02-02T02:00:00Z')
  const service = await startService({
    store: `sqlite:${path}`,
    host: '127.0.0.1',
    port: 0,
    token: { secret },
    clock: () => instantOf(new Date((ms += 1000))),
    ...(typeof options === 'function' ? options(path) : options),
  })
  const http = client(service.url, secret)
  return {
    service,
    client: http,
    path,
    dir,
    sendAll: async commands => {
      for (const command of commands) {
        const reply = await http.send(command)
        if (reply.status !== 201 && reply.status !== 200)
          throw new Error(`${command.key}: ${reply.status} ${JSON.stringify(reply.body)}`)
      }
    },
    cleanup: async () => {
      await service.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Every event of an SQLite store, read through a connection of its own. */
export const storedEvents = async (path: string): Promise<readonly StoredEvent[]> => {
  const store = sqliteEventStore({ path })
  try {
    const events: StoredEvent[] = []
    for await (const record of store.readAll()) if (record.kind === 'event') events.push(record)
    return events
  } finally {
    await store.close()
  }
}

/** The command id an event's metadata names. */
export const commandIdOf = (event: StoredEvent): unknown =>
  typeof event.metadata === 'object' && event.metadata !== null && 'commandId' in event.metadata
    ? event.metadata.commandId
    : undefined

/** Waits until `check` answers true, asking every 50 ms, for at most `timeoutMs`. */
export const eventually = async (check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = performance.now() + timeoutMs
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not true after ${timeoutMs} ms`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}
