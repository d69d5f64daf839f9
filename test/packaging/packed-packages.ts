// Builds and packs every package the way a release does (tsc -b, then pnpm pack), in a copy of the workspace, so
// the test never writes into the checkout: no stale dist/ file of a renamed module gets packed, and two test runs
// on one checkout cannot overwrite each other's build.
import { cpSync, existsSync, mkdirSync, readdirSync, realpathSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decodeWith, formatDecodeFailure } from '@pembina/core'
import { type PackageManifest, readManifest } from './package-manifest.js'
import { runCommand } from './run-command.js'

/** One packed package: its folder name, its manifest as written in the workspace, its tarball and what it holds. */
export interface PackedPackage {
  readonly folder: string
  readonly manifest: PackageManifest
  readonly tarball: string
  readonly files: readonly string[]
}

// What `pnpm pack --json` prints.
const PackReport = t.type({ filename: t.string, files: t.array(t.type({ path: t.string })) })

// What a package folder holds that the build or the tarball needs (npm adds package.json, README and LICENSE).
const packageEntries = ['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'src']

/** The folders under packages/ that hold a package. */
export const packageFolders = (root: string): readonly string[] =>
  readdirSync(join(root, 'packages')).filter(folder => existsSync(join(root, 'packages', folder, 'package.json')))

const dependencyNames = (manifest: PackageManifest): readonly string[] => [
  ...new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]),
]

const link = (target: string, at: string): void => {
  mkdirSync(dirname(at), { recursive: true })
  symlinkSync(target, at, 'dir')
}

// The copy resolves what the workspace resolves: each package's third-party dependencies are links to the very
// folders pnpm installed for it, and each @pembina dependency is a link to the copy of that package, so tsc -b
// compiles the copy against the copy and pnpm pack reads the copy's versions for `workspace:` ranges.
const stageWorkspace = (root: string, stage: string, folders: readonly string[]): void => {
  for (const file of ['tsconfig.json', 'tsconfig.base.json']) cpSync(join(root, file), join(stage, file))
  const byName = new Map(
    folders.map(folder => [readManifest(join(root, 'packages', folder, 'package.json')).name, folder]),
  )
  for (const folder of folders) {
    const from = join(root, 'packages', folder)
    const to = join(stage, 'packages', folder)
    for (const entry of packageEntries)
      if (existsSync(join(from, entry))) cpSync(join(from, entry), join(to, entry), { recursive: true })
    for (const name of dependencyNames(readManifest(join(from, 'package.json')))) {
      const sibling = byName.get(name)
      const installed = join(from, 'node_modules', name)
      if (sibling !== undefined) link(join(stage, 'packages', sibling), join(to, 'node_modules', name))
      else if (existsSync(installed)) link(realpathSync(installed), join(to, 'node_modules', name))
    }
  }
  // tsconfig.base.json asks for the Node types, which the workspace installs at its root.
  link(realpathSync(join(root, 'node_modules', '@types', 'node')), join(stage, 'node_modules', '@types', 'node'))
}

/** The workspace's TypeScript compiler, the one its build uses. */
export const workspaceTsc = (root: string): string =>
  createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc')

/** Copies the workspace's packages under `into`, builds them with tsc -b and packs each into `into/tarballs`. */
export const packWorkspace = async (root: string, into: string): Promise<readonly PackedPackage[]> => {
  const folders = packageFolders(root)
  const stage = join(into, 'stage')
  const tarballs = join(into, 'tarballs')
  stageWorkspace(root, stage, folders)
  await runCommand(process.execPath, [workspaceTsc(root), '-b', stage], { cwd: stage })
  return Promise.all(
    folders.map(async folder => {
      const cwd = join(stage, 'packages', folder)
      const { stdout } = await runCommand('pnpm', ['pack', '--json', '--pack-destination', tarballs], { cwd })
      const report = decodeWith(PackReport)(JSON.parse(stdout))
      if (E.isLeft(report)) throw new Error(`pnpm pack --json in ${folder}: ${formatDecodeFailure(report.left)}`)
      return {
        folder,
        manifest: readManifest(join(root, 'packages', folder, 'package.json')),
        tarball: report.right.filename,
        files: report.right.files.map(file => file.path),
      }
    }),
  )
}
