// The packages built and packed as a release does, and installed with npm into a fresh project outside the workspace,
// once per test run, for every test file that needs them: the packaging tests read the tarballs and the project; the
// CLI tests run the `pembina` binary that npm installed there. Test files run in workers of their own, so the first
// to ask claims the work (an atomic mkdir in the run's folder) and the others wait for what it writes.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { inject } from 'vitest'
import { decodeWith, formatDecodeFailure } from '@pembina/core'
import { PackageManifest } from './package-manifest.js'
import { packWorkspace } from './packed-packages.js'
import { installPackedPackages } from './user-project.js'

const root = resolve(import.meta.dirname, '../..')

/** The packed packages and the project they are installed into. */
const InstalledWorkspace = t.type({
  /** The npm project, outside the workspace, with every package installed from its tarball. */
  project: t.string,
  packed: t.array(t.type({ folder: t.string, manifest: PackageManifest, tarball: t.string, files: t.array(t.string) })),
})
export type InstalledWorkspace = t.TypeOf<typeof InstalledWorkspace>

/** Packing and installing take ~40 s on busy 2 cores, ~90 s beside a second run, +30 s on an empty npm cache. */
export const installTimeoutMs = 400_000

const errnoCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined

/** Packs and installs the packages the first time any test file of the run asks; then hands back the same install. */
export const installedWorkspace = async (): Promise<InstalledWorkspace> => {
  const dir = inject('packagingDir')
  const done = join(dir, 'installed.json')
  const failed = join(dir, 'failed.txt')
  let claimed = false
  try {
    mkdirSync(join(dir, 'claimed'))
    claimed = true
  } catch (error) {
    if (errnoCode(error) !== 'EEXIST') throw error
  }
  if (claimed)
    try {
      const packed = await packWorkspace(root, dir)
      const project = join(dir, 'user-project')
      await installPackedPackages(root, project, packed)
      writeFileSync(`${done}.partial`, JSON.stringify({ project, packed }))
      renameSync(`${done}.partial`, done)
    } catch (error) {
      writeFileSync(failed, String(error))
      throw error
    }
  for (;;) {
    if (existsSync(done)) {
      const installed = decodeWith(InstalledWorkspace)(JSON.parse(readFileSync(done, 'utf8')))
      if (E.isLeft(installed)) throw new Error(`${done}: ${formatDecodeFailure(installed.left)}`)
      return installed.right
    }
    if (existsSync(failed))
      throw new Error(`packing and installing failed in another test file: ${readFileSync(failed, 'utf8')}`)
    await sleep(250)
  }
}
