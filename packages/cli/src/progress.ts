import cliProgress from 'cli-progress'
import * as E from 'fp-ts/lib/Either.js'
import type { EventStore } from '@pembina/core'

/** Progress of a long run, drawn on stderr when it is a terminal and quiet otherwise. */
export interface Progress {
  readonly update: (done: number) => void
  readonly stop: () => void
}

const quiet: Progress = { update: () => undefined, stop: () => undefined }

/**
 * A progress bar on stderr for reading `store` whole, when stderr is a terminal and `enabled`: its total is the
 * store's event count where the store can count (SQLite), otherwise it shows the count alone.
 */
export const readProgress = async (store: EventStore, label: string, enabled: boolean): Promise<Progress> => {
  if (!enabled || !process.stderr.isTTY) return quiet
  const counted = store.countAfter === undefined ? undefined : await store.countAfter()()
  const total = counted !== undefined && E.isRight(counted) ? counted.right : 0
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        total > 0
          ? `${label} [{bar}] {percentage}% {value}/{total} events, {eta_formatted} left`
          : `${label} {value} events`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0)
  return {
    update: done => {
      bar.update(done)
    },
    stop: () => {
      bar.stop()
    },
  }
}
