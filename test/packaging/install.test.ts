// What a user gets from the published packages: every package is built and packed as a release does, the tarballs
// are installed with npm into a fresh project outside the workspace, as each README says (once per test run, shared
// with the CLI tests: installed-workspace.ts), and a small service and a policy check are compiled there with tsc
// (skipLibCheck off, node16 and bundler resolution) and run with plain node.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { installedWorkspace, installTimeoutMs } from './installed-workspace.js'
import { readManifest } from './package-manifest.js'
import { type PackedPackage, workspaceTsc } from './packed-packages.js'
import { runCommand } from './run-command.js'
import { installCommandPackages } from './user-project.js'

const root = resolve(import.meta.dirname, '../..')

// The service's tsc builds take ~15 s on busy 2 cores, ~40 s beside a second run: 5x that.
const heavyStepTimeoutMs = 200_000
// npm ls and a compiled program run in a few seconds.
const stepTimeoutMs = 60_000

// Packages a service hands values to and gets values from: a second copy of any of them breaks types or instanceof.
const shared = ['fp-ts', 'io-ts', '@opentelemetry/api', 'fast-check', '@pembina/core', '@pembina/projections']

const compilerOptions = { target: 'ES2022', strict: true, skipLibCheck: false, types: ['node'] }
const projectFiles: Readonly<Record<string, unknown>> = {
  'tsconfig.json': {
    compilerOptions: {
      ...compilerOptions,
      module: 'node16',
      moduleResolution: 'node16',
      rootDir: 'src',
      outDir: 'dist',
    },
    include: ['src'],
  },
  // The bundler build also takes the strictest options a service may have, against which the declarations must hold.
  'tsconfig.bundler.json': {
    compilerOptions: {
      ...compilerOptions,
      module: 'preserve',
      moduleResolution: 'bundler',
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
    },
    include: ['src'],
  },
}

let project = ''
let packed: readonly PackedPackage[] = []
const installed = (name: string, file: string): string => join(project, 'node_modules', name, file)

// Both builds run together, once, for whichever test needs them first; the node16 one emits what node runs.
let builds: Promise<unknown> | undefined
const compiled = async (): Promise<void> => {
  builds ??= Promise.all(
    Object.keys(projectFiles).map(config =>
      runCommand(process.execPath, [workspaceTsc(root), '-p', config], { cwd: project }),
    ),
  )
  await builds
}

beforeAll(async () => {
  ;({ project, packed } = await installedWorkspace())
  // Inside the workspace, Node and tsc would find the workspace's node_modules and hide a missing dependency.
  if (!relative(root, project).startsWith('..')) throw new Error(`${project} is inside the workspace`)
  for (const file of ['service.ts', 'policy-check.ts'])
    cpSync(join(import.meta.dirname, file), join(project, 'src', file))
  for (const [file, content] of Object.entries(projectFiles))
    writeFileSync(join(project, file), `${JSON.stringify(content, null, 2)}\n`)
}, installTimeoutMs)

describe('the packed packages, installed with npm into a fresh project', () => {
  it('every tarball holds its build, its README and the licence, and no test or test support', () => {
    const licence = readFileSync(join(root, 'LICENSE'), 'utf8')
    expect(licence).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s/)
    for (const { manifest, files } of packed) {
      expect(files, manifest.name).toEqual(
        expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']),
      )
      expect(
        files.filter(file => /(\.test\.|test-support)/.test(file)),
        manifest.name,
      ).toEqual([])
      expect(readFileSync(installed(manifest.name, 'LICENSE'), 'utf8'), manifest.name).toBe(licence)
    }
  })

  it('each README names every required peer dependency of its package in its npm install line', () => {
    for (const { folder, manifest } of packed) {
      const named = installCommandPackages(readFileSync(join(root, 'packages', folder, 'README.md'), 'utf8'))
      const installedManifest = readManifest(installed(manifest.name, 'package.json'))
      // An optional peer (one of @pembina/eventstoredb's two client packages) is the user's choice; the README's
      // line names the one it installs.
      const optional = (name: string): boolean => installedManifest.peerDependenciesMeta?.[name]?.optional === true
      const peers = Object.keys(installedManifest.peerDependencies ?? {}).filter(name => !optional(name))
      expect(named, manifest.name).toEqual(expect.arrayContaining([manifest.name, ...peers]))
    }
  })

  it(
    'what a service shares with the packages is a peer dependency, installed once',
    async () => {
      for (const { manifest } of packed) {
        const published = readManifest(installed(manifest.name, 'package.json'))
        expect(
          Object.keys(published.dependencies ?? {}).filter(name => shared.includes(name)),
          manifest.name,
        ).toEqual([])
        expect(JSON.stringify(published), manifest.name).not.toContain('workspace:')
        expect(published.engines?.['node'], manifest.name).toBe('^20.19.0 || >=22.12.0')
        expect(published.license, manifest.name).toBe('Apache-2.0')
      }
      // npm ls exits non-zero on a missing, invalid or unmet peer dependency anywhere in the tree.
      await runCommand('npm', ['ls', '--all'], { cwd: project })
      const copies = await runCommand('npm', ['ls', '--all', '--parseable', ...shared], { cwd: project })
      const paths = copies.stdout.split('\n').filter(line => line.includes('node_modules'))
      expect(paths.map(path => relative(join(project, 'node_modules'), path)).toSorted()).toEqual(shared.toSorted())
    },
    stepTimeoutMs,
  )

  it(
    'a service and a policy check compile against the published types without skipLibCheck (node16 and bundler)',
    compiled,
    heavyStepTimeoutMs,
  )

  it(
    'the compiled service runs with plain node: a command handled on a SQLite file, read back, verified and projected',
    async () => {
      await compiled()
      const dataDir = mkdtempSync(join(project, 'data-'))
      const { stdout } = await runCommand(process.execPath, ['dist/service.js', dataDir], { cwd: project })
      expect(JSON.parse(stdout)).toEqual({
        written: true,
        writtenAgain: false,
        stored: ['OfferingOpened'],
        chainValid: true,
        roster: { status: 'open', placesLeft: 30 },
      })
    },
    heavyStepTimeoutMs,
  )

  it(
    'the compiled policy check runs with plain node on the installed testkit and fast-check',
    async () => {
      await compiled()
      const { stdout } = await runCommand(process.execPath, ['dist/policy-check.js'], { cwd: project })
      expect(JSON.parse(stdout)).toEqual({ policyChecked: true })
    },
    heavyStepTimeoutMs,
  )

  it(
    'CommonJS code can require() every package (Node 20.19 or later, 22.12 or later)',
    async () => {
      const names = packed.map(({ manifest }) => manifest.name)
      const script = `console.log(JSON.stringify(${JSON.stringify(names)}.map(name => typeof require(name))))`
      const { stdout } = await runCommand(process.execPath, ['--input-type=commonjs', '-e', script], { cwd: project })
      expect(JSON.parse(stdout)).toEqual(names.map(() => 'object'))
    },
    stepTimeoutMs,
  )
})
