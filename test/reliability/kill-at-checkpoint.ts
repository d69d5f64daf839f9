// Runs a script that prints each checkpoint it commits as a JSON line ({ position, events }, and done: true at the
// end), and kills it with SIGKILL once a checkpoint reaches a target: the crash tests of the projector and the reactor.
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { startScript } from './script-process.js'

const Progress = t.type({ position: t.string, events: t.number })

/** What one run of the script did before it was killed (or finished). */
export interface KilledRun {
  /** The last checkpoint it reported, null if none. */
  readonly killedAt: bigint | null
  /** Whether it reported that it was done. */
  readonly finished: boolean
  readonly exit: { readonly code: number | null; readonly signal: NodeJS.Signals | null }
}

const sleep = (ms: number): Promise<void> =>
  new Promise(resolve => {
    setTimeout(resolve, ms)
  })

/**
 * Starts the script and kills it once it reports a checkpoint at or past `target`, after a pause of `pauseMs` (so
 * the kill lands anywhere: reading, applying, inside the next commit). Rejects if the script fails on its own.
 */
export const killAtCheckpoint = async (
  script: string,
  args: readonly string[],
  target: bigint,
  pauseMs: number,
): Promise<KilledRun> => {
  let reached: () => void = () => undefined
  const passed = new Promise<void>(resolve => {
    reached = resolve
  })
  let killedAt: bigint | null = null
  let finished = false
  const process = startScript(script, args, line => {
    const progress = Progress.decode(JSON.parse(line))
    if (E.isLeft(progress)) return
    if (line.includes('"done"')) finished = true
    killedAt = BigInt(progress.right.position)
    if (killedAt >= target) reached()
  })
  const ended = await Promise.race([
    passed.then(() => 'reached' as const),
    process.exited.then(() => 'exited' as const),
  ])
  if (ended === 'reached') {
    await sleep(pauseMs)
    process.kill()
  }
  const exit = await process.exited
  if (exit.code !== 0 && exit.signal !== 'SIGKILL') throw new Error(`${script} failed: ${exit.stderr}`)
  return { killedAt, finished, exit }
}
