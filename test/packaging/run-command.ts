// Runs one command of the packaging test in a child process and hands back what it printed.
import { execFile } from 'node:child_process'

/** What a finished command printed. */
export interface CommandOutput {
  readonly stdout: string
  readonly stderr: string
}

/** Where and how a command runs. */
export interface RunOptions {
  readonly cwd: string
  readonly env?: NodeJS.ProcessEnv
}

/**
 * Runs `file` with `args` and resolves with its output once it exits with 0; otherwise rejects with an error naming the
 * command, its exit and the end of what it printed, so a failing step explains itself in the test report.
 */
export const runCommand = (file: string, args: readonly string[], options: RunOptions): Promise<CommandOutput> =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ stdout, stderr })
          return
        }
        const printed = `${stdout}\n${stderr}`.trim().split('\n').slice(-40).join('\n')
        reject(new Error(`${[file, ...args].join(' ')} (in ${options.cwd}) failed: ${error.message}\n${printed}`))
      },
    )
  })
