// Once per test run, before any test file: a folder of the run's own (outside the workspace), where the packed
// packages are installed by whichever test file needs them first (test/packaging/installed-workspace.ts); removed
// when the run ends.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's folder for the packed packages and the project they are installed into. */
    packagingDir: string
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'pembina-run-'))
  project.provide('packagingDir', dir)
  return () => {
    rmSync(dir, { recursive: true, force: true })
  }
}
