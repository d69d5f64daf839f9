// Runs the `pembina` binary's entry (packages/cli/src/main.ts, under tsx, as `pnpm pembina` does) in a process of its
// own, in a folder of the test's, and collects its stdout, stderr and exit code.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = resolve(import.meta.dirname, '../..')
const main = resolve(root, 'packages/cli/src/main.ts')
// tsx's loader by its full address: the processes run in a temporary folder, where `tsx` alone does not resolve.
const tsx = pathToFileURL(createRequire(resolve(root, 'package.json')).resolve('tsx/esm')).href

/** How a run of the command ended. */
export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `pembina ...args` in `cwd`. */
export const runPembina = (cwd: string, args: readonly string[]): Promise<Ran> =>
  new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--conditions=@pembina/source', '--import', tsx, main, ...args], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '' },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', code => {
      done({ code, stdout, stderr })
    })
  })
