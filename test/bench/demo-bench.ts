// Benchmark 7: `pembina demo --fresh` as a newcomer runs it (`pnpm pembina demo`: the CLI's source under tsx), timed
// from the process's start to its exit, a new SQLite file each round. Its target is absolute (under 60 s on the
// development machine, issue 16): there is no baseline to pair it with, so the row gives the median and the range.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { repositoryRoot } from './better-sqlite3.js'
import { secondsSince } from './measure.js'
import { removeDatabaseFiles } from './sqlite-store.js'

/** What the demo benchmark is run with. */
export interface DemoBenchOptions {
  readonly rounds: number
  readonly dir: string
  readonly progress: (line: string) => void
}

/** The seconds of each round, and how many commands each wrote. */
export interface DemoBenchResult {
  readonly seconds: readonly number[]
  readonly commands: number
}

// What `pembina demo --json` prints, as far as the benchmark reads it.
const DemoReport = t.type({ commands: t.type({ written: t.number }) })

const main = join(repositoryRoot, 'packages', 'cli', 'src', 'main.ts')

const runDemo = (file: string): Promise<{ readonly seconds: number; readonly stdout: string }> =>
  new Promise((resolve, reject) => {
    const start = performance.now()
    const child = spawn(
      process.execPath,
      [
        '--conditions=@pembina/source',
        '--import',
        'tsx',
        main,
        'demo',
        '--fresh',
        '--json',
        '--store',
        `sqlite:${file}`,
      ],
      { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.on('error', reject)
    child.on('close', code => {
      if (code === 0) resolve({ seconds: secondsSince(start), stdout })
      else reject(new Error(`pembina demo exited with ${String(code)}`))
    })
  })

export const demoBench = async (options: DemoBenchOptions): Promise<DemoBenchResult> => {
  const file = join(options.dir, 'demo.db')
  const seconds: number[] = []
  let commands = 0
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const ran = await runDemo(file)
      const report = DemoReport.decode(JSON.parse(ran.stdout))
      if (E.isLeft(report) || report.right.commands.written === 0) throw new Error('pembina demo wrote no command')
      commands = report.right.commands.written
      seconds.push(ran.seconds)
      options.progress(
        `  round ${round}/${options.rounds} pembina demo: ${commands} commands in ${ran.seconds.toFixed(1)} s`,
      )
    }
    return { seconds, commands }
  } finally {
    removeDatabaseFiles(file)
  }
}
