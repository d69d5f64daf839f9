// The service as a process of its own (src/main.ts under tsx), as the load run and its test start it.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const packageDir = fileURLToPath(new URL('..', import.meta.url))

/** A service process: where it listens, and how to stop it as an operator does (SIGTERM). */
export interface ServiceProcess {
  readonly url: string
  /** Sends SIGTERM and waits for the exit; answers the exit code (0 after a graceful close). */
  readonly stop: () => Promise<number | null>
  /** What the process printed, for a failure's message. */
  readonly output: () => string
}

/** Starts `src/main.ts` on a port the system picks, with the arguments and environment given, and waits until it listens. */
export const startServiceProcess = async (
  args: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<ServiceProcess> => {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@pembina/source', 'src/main.ts', '--host', '127.0.0.1', '--port', '0', ...args],
    { cwd: packageDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = once(child, 'exit').then(([code]: unknown[]) => (typeof code === 'number' ? code : null))
  const url = await new Promise<string>((resolve, reject) => {
    const check = (): void => {
      const found = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (found !== undefined) resolve(found)
    }
    child.stdout?.on('data', check)
    void exited.then(code => {
      reject(new Error(`the service exited (${String(code)}) before listening:\n${output}`))
    })
  })
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
    output: () => output,
  }
}
