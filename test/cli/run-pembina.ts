// Runs the `pembina` binary as a user has it: the one npm installed from the packed @pembina/cli (built with tsc -b,
// as a release is) into a fresh project, through its bin link and plain node, no loader. It runs in a folder of the
// test's, and hands back its stdout, stderr and exit code.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { installedWorkspace } from '../packaging/installed-workspace.js'

export { installTimeoutMs } from '../packaging/installed-workspace.js'

/** How a run of the command ended. */
export interface Ran {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The installed binary: `node_modules/.bin/pembina` of the project the packed packages are installed into. */
export const pembinaBinary = async (): Promise<string> =>
  join((await installedWorkspace()).project, 'node_modules', '.bin', 'pembina')

/** Runs `pembina ...args` in `cwd`. */
export const runPembina = async (cwd: string, args: readonly string[]): Promise<Ran> => {
  const binary = await pembinaBinary()
  return new Promise((done, reject) => {
    const child = spawn(binary, args, { cwd, env: { ...process.env, NODE_OPTIONS: '' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', code => {
      done({ code, stdout, stderr })
    })
  })
}
