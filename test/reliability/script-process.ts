// Runs a TypeScript script of this folder in a process of its own, the way a second Pembina process would run.
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

const repositoryRoot = resolve(import.meta.dirname, '../..')

/** How a script process ended: its exit code or the signal that killed it, and what it wrote to stderr. */
export interface ScriptExit {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** A running script: send it a line on stdin, kill it with SIGKILL, wait for it to end. */
export interface ScriptProcess {
  readonly send: (line: string) => void
  readonly kill: () => void
  readonly exited: Promise<ScriptExit>
}

/**
 * Starts `node --conditions=@pembina/source --import tsx <script> ...args` from the repository root; every line the
 * script writes to stdout goes to `onLine` as it arrives.
 */
export const startScript = (script: string, args: readonly string[], onLine: (line: string) => void): ScriptProcess => {
  const child = spawn(
    process.execPath,
    ['--conditions=@pembina/source', '--import', 'tsx', resolve(import.meta.dirname, script), ...args],
    { cwd: repositoryRoot, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  createInterface({ input: child.stdout }).on('line', onLine)
  // A script killed before it reads its stdin must not fail the test with EPIPE.
  child.stdin.on('error', () => undefined)
  const exited = new Promise<ScriptExit>((resolveExit, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      resolveExit({ code, signal, stderr })
    })
  })
  return {
    send: line => {
      child.stdin.write(`${line}\n`)
    },
    kill: () => {
      child.kill('SIGKILL')
    },
    exited,
  }
}
