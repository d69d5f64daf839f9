// A fresh npm project outside the workspace with the packed tarballs installed as each package's README says.
import { copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PackedPackage } from './packed-packages.js'
import { readManifest } from './package-manifest.js'
import { runCommand } from './run-command.js'

/** The packages named by the `npm install` lines of a README, without their flags. */
export const installCommandPackages = (readme: string): readonly string[] =>
  [...readme.matchAll(/^npm install (.+)$/gm)].flatMap(match =>
    (match[1] ?? '').split(/\s+/).filter(word => word !== '' && !word.startsWith('-')),
  )

// better-sqlite3 compiles its native addon from source on install here (about a minute; no prebuilt binary is
// reachable). The workspace already has that addon, compiled by the same install script from the same registry
// tarball for the Node running this test, so the project is pinned to the workspace's version (which pnpm resolved
// from @pembina/sqlite's own range), installed without install scripts (the only other one in the tree, protobufjs's,
// prints a version warning), and given the workspace's addon: the tree and every file npm installs are what a user
// gets, and the addon is the one the build would produce.
const workspaceSqlite = (root: string): { readonly dir: string; readonly version: string } => {
  const dir = realpathSync(join(root, 'packages', 'sqlite', 'node_modules', 'better-sqlite3'))
  const { version } = readManifest(join(dir, 'package.json'))
  if (version === undefined) throw new Error(`${dir}/package.json has no version`)
  return { dir, version }
}

/**
 * Creates `dir` as a new npm project and installs, with npm from the registry (through its cache), every package
 * named by the install commands of the packed packages' READMEs, each @pembina package from its tarball, and the
 * Node types of the Node range the workspace targets.
 */
export const installPackedPackages = async (
  root: string,
  dir: string,
  packed: readonly PackedPackage[],
): Promise<void> => {
  const sqlite = workspaceSqlite(root)
  mkdirSync(dir, { recursive: true })
  const project = {
    name: 'pembina-user',
    private: true,
    type: 'module',
    overrides: { 'better-sqlite3': sqlite.version },
  }
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(project, null, 2)}\n`)
  const tarballOf = new Map(packed.map(each => [each.manifest.name, each.tarball]))
  const named = packed.flatMap(each =>
    installCommandPackages(readFileSync(join(root, 'packages', each.folder, 'README.md'), 'utf8')),
  )
  const nodeTypes = readManifest(join(root, 'package.json')).devDependencies?.['@types/node'] ?? '*'
  const specs = [...new Set(named.map(name => tarballOf.get(name) ?? name)), `@types/node@${nodeTypes}`]
  await runCommand(
    'npm',
    ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs],
    { cwd: dir },
  )
  const installed = join(dir, 'node_modules', 'better-sqlite3')
  const { version } = readManifest(join(installed, 'package.json'))
  if (version !== sqlite.version)
    throw new Error(`npm installed better-sqlite3 ${String(version)}, not ${sqlite.version}`)
  const release = join(installed, 'build', 'Release')
  mkdirSync(release, { recursive: true })
  copyFileSync(join(sqlite.dir, 'build', 'Release', 'better_sqlite3.node'), join(release, 'better_sqlite3.node'))
}
