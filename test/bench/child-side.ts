// One side of a benchmark round in a child process of its own, so that its peak RSS is its own: the child is started
// with the flags `pnpm bench` runs with (spelled out, so it also starts under vitest, whose workers have no tsx
// loader), from the repository root, and reports once with a message the parent decodes.
import { fork } from 'node:child_process'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { repositoryRoot } from './better-sqlite3.js'

const childExecArgv = ['--conditions=@pembina/source', '--import', 'tsx']

/** Runs `script` with `args` in a child process and resolves with the report it sends (`what` names it in errors). */
export const runSideInChild = <Report>(
  script: string,
  args: readonly string[],
  codec: t.Type<Report, unknown>,
  what: string,
): Promise<Report> =>
  new Promise((resolve, reject) => {
    const child = fork(script, [...args], { execArgv: childExecArgv, cwd: repositoryRoot, stdio: 'inherit' })
    let report: Report | undefined
    child.on('message', (message: unknown) => {
      const decoded = codec.decode(message)
      if (E.isRight(decoded)) report = decoded.right
    })
    child.on('error', reject)
    child.on('exit', code => {
      if (code === 0 && report !== undefined) resolve(report)
      else reject(new Error(`${what} exited with ${String(code)} and ${report === undefined ? 'no' : 'a'} report`))
    })
  })
