import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A fresh directory under the OS temp dir, and how to remove it with everything in it. */
export interface TempDir {
  readonly path: string
  readonly file: (name: string) => string
  readonly remove: () => void
}

/** Makes a fresh, empty temp directory whose name starts with `prefix`. */
export const makeTempDir = (prefix: string): TempDir => {
  const path = mkdtempSync(join(tmpdir(), prefix))
  return {
    path,
    file: name => join(path, name),
    remove: () => {
      rmSync(path, { recursive: true, force: true })
    },
  }
}
