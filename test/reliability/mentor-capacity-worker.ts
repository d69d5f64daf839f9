// One of the mentor-capacity race's processes: opens the shared SQLite file, says `ready`, then for each line
// `accept <mentor NIP> <mentorshipId>` on stdin accepts that mentorship as that mentor through `acceptMentorship`, and
// writes one JSON line: the outcome and when (in this machine's milliseconds) the acceptance started and ended. `end`
// closes the store.
import { createInterface } from 'node:readline'
import * as E from 'fp-ts/lib/Either.js'
import {
  acceptMentorship,
  commandHandler,
  formatHandleFailure,
  instant,
  mentorRoster,
  mentorship,
  nip,
  policyConfig,
} from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'

const [file, maxText] = process.argv.slice(2)
if (file === undefined || maxText === undefined)
  throw new Error('usage: mentor-capacity-worker.ts <file> <maxActiveMentees>')

const config = policyConfig({ maxActiveMentees: Number(maxText) })
// A generous busy timeout: the other process may hold the write lock, and waiting for it is the point.
const store = sqliteEventStore({ path: file, busyTimeoutMs: 60_000 })
const handlers = {
  mentorship: commandHandler({ store, aggregate: mentorship, config }),
  mentor: commandHandler({ store, aggregate: mentorRoster, config }),
}
const clock = (): number => performance.timeOrigin + performance.now()

process.stdout.write('ready\n')
for await (const line of createInterface({ input: process.stdin })) {
  const [verb, mentorText, mentorshipId] = line.split(' ')
  if (verb !== 'accept' || mentorText === undefined || mentorshipId === undefined) break
  const mentorNip = nip(mentorText)
  const startedAt = clock()
  const result = await acceptMentorship(
    handlers,
    {
      type: 'AcceptMentorship',
      at: instant('2026-03-03T10:00:00+07:00'),
      actor: { kind: 'asn', nip: mentorNip, roles: ['asn', 'mentor'] },
      data: { mentorshipId },
    },
    { commandId: `accept-${mentorshipId}` },
    config,
  )()
  const endedAt = clock()
  const outcome = E.isLeft(result)
    ? { kind: 'failed', reason: formatHandleFailure(result.left) }
    : { kind: result.right.kind, code: result.right.kind === 'refused' ? result.right.rejection.code : null }
  process.stdout.write(`${JSON.stringify({ mentorshipId, ...outcome, startedAt, endedAt })}\n`)
}
// Stdin stays open while the parent lives: let it go, or this process would never end.
process.stdin.destroy()
await store.close()
