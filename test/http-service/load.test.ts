// A few seconds of the load run (the 2-minute run is `pnpm --filter @pembina-examples/http-service load`), as a
// program of its own (autocannon needs a main thread): the service in a third process under autocannon's mixed
// commands and reads, then SIGTERM, and the store checked.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const packageDir = fileURLToPath(new URL('../../examples/http-service/', import.meta.url))

describe('a short load run', () => {
  it('every command acknowledged is stored once, every chain verifies, and the service stops cleanly', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=@pembina/source',
        'load/run.ts',
        '--json',
        '--duration',
        '3',
        '--connections',
        '4',
        '--staff',
        '20',
        '--offerings',
        '5',
      ],
      { cwd: packageDir, timeout: 100_000 },
    )
    const report: unknown = JSON.parse(stdout)
    expect(report).toMatchObject({ problems: [], serviceExitCode: 0, errors: 0 })
    const fields = new Map(Object.entries(typeof report === 'object' && report !== null ? report : {}))
    expect(fields.get('acknowledged')).toBeGreaterThan(20)
    expect(fields.get('acknowledgedEvents')).toBe(fields.get('acknowledged'))
  }, 120_000)
})
