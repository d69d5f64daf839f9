// Guards the shape DESIGN.md agreed on: packages talk through public entries, and core stays pure.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const packagesDir = join(root, 'packages')
const packages = readdirSync(packagesDir).filter(name => statSync(join(packagesDir, name)).isDirectory())

// Installed dependencies (an example package has its own node_modules) and build output are not our sources.
const notSources = new Set(['node_modules', 'dist'])

const sourceFiles = (dir: string): readonly string[] =>
  readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return notSources.has(name) ? [] : sourceFiles(path)
    return name.endsWith('.ts') ? [path] : []
  })

const isProductionSource = (file: string): boolean => !file.endsWith('.test.ts') && !file.endsWith('test-support.ts')

const importsOf = (file: string): readonly string[] =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].flatMap(m =>
    m[1] === undefined ? [] : [m[1]],
  )

describe('repository architecture', () => {
  it.each(packages)('package %s has a README and a public entry with types and the source condition', name => {
    const dir = join(packagesDir, name)
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/```ts/)
    const manifest: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    expect(manifest).toMatchObject({
      name: `@pembina/${name}`,
      type: 'module',
      exports: { '.': { '@pembina/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' } },
    })
  })

  it.each(packages)('package %s imports other packages only through their public entry', name => {
    const dir = join(packagesDir, name, 'src')
    for (const file of sourceFiles(dir))
      for (const specifier of importsOf(file)) {
        expect(specifier, relative(root, file)).not.toMatch(/^@pembina\/[^/]+\/.+/)
        if (specifier.startsWith('.'))
          expect(resolve(file, '..', specifier).startsWith(dir), `${relative(root, file)}: ${specifier}`).toBe(true)
      }
  })

  it('the domain in core depends on nothing but fp-ts and io-ts: no I/O, no clock, no randomness', () => {
    const dir = join(packagesDir, 'core', 'src')
    // application/ is the effectful shell (command handling, hashing, the in-memory store) and audit/ reads a store
    // (replay, audit); everything else is pure.
    const pure = sourceFiles(dir).filter(
      f => !f.endsWith('.test.ts') && !f.startsWith(join(dir, 'application')) && !f.startsWith(join(dir, 'audit')),
    )
    for (const file of pure) {
      for (const specifier of importsOf(file)) expect(specifier, relative(root, file)).toMatch(/^(\.|fp-ts\/|io-ts$)/)
      const text = readFileSync(file, 'utf8')
      expect(text, relative(root, file)).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(|process\.env/)
    }
  })

  describe("core's folders read bottom-up", () => {
    const coreSrc = join(packagesDir, 'core', 'src')
    // Each top-level part of core and the parts it may import; the aggregates never import each other.
    const aggregateFolders = ['personnel', 'enrollment', 'mentorship', 'mentor-roster', 'competency', 'complaint']
    const mayImport: Readonly<Record<string, readonly string[]>> = {
      kernel: [],
      shared: ['kernel'],
      ...Object.fromEntries(aggregateFolders.map(folder => [folder, ['kernel', 'shared']])),
      'aggregates.ts': ['kernel', 'shared', ...aggregateFolders],
      policies: ['kernel', 'shared', ...aggregateFolders, 'aggregates.ts'],
      application: ['kernel', 'shared'],
      // Processes across aggregates, driven at once in one process: the policies sent through the command handlers.
      processes: ['kernel', 'shared', ...aggregateFolders, 'aggregates.ts', 'policies', 'application'],
      audit: ['kernel', 'shared', ...aggregateFolders, 'aggregates.ts', 'policies', 'application'],
      // The personnel directory of a store: the personnel aggregate's records read for the command handler.
      directory: ['kernel', 'shared', 'personnel', 'application', 'audit'],
      // Personal data sealed before a command reaches its decider: per aggregate, which fields, for which subject.
      protection: ['kernel', 'shared', 'personnel', 'complaint', 'application', 'audit'],
      'index.ts': [
        'kernel',
        'shared',
        ...aggregateFolders,
        'aggregates.ts',
        'policies',
        'application',
        'processes',
        'audit',
        'directory',
        'protection',
      ],
    }
    // A folder, or a file at core's top (aggregates.ts, index.ts) as a part of its own; imports name `.js` files.
    const partOf = (file: string): string => relative(coreSrc, file.replace(/\.js$/, '.ts')).split(/[\\/]/)[0] ?? ''
    const folderOf = (file: string): string => {
      const path = relative(coreSrc, file.replace(/\.js$/, '.ts'))
      const folder = relative(coreSrc, join(file, '..'))
      return folder === '' ? path : folder
    }
    const edges = sourceFiles(coreSrc)
      .filter(isProductionSource)
      .flatMap(file =>
        importsOf(file)
          .filter(specifier => specifier.startsWith('.'))
          .map(specifier => ({ file, target: resolve(file, '..', specifier) })),
      )

    it('each part imports only the parts below it', () => {
      expect(Object.keys(mayImport).sort()).toEqual(
        readdirSync(coreSrc)
          .filter(name => !name.endsWith('.test.ts'))
          .sort(),
      )
      for (const { file, target } of edges) {
        const from = partOf(file)
        const to = partOf(target)
        if (from !== to) expect(mayImport[from], `${relative(root, file)} imports ${to}`).toContain(to)
      }
    })

    it('no folder of core imports, directly or through others, a folder that imports it', () => {
      const graph = new Map<string, Set<string>>()
      for (const { file, target } of edges) {
        const from = folderOf(file)
        const to = folderOf(target)
        if (from !== to) graph.set(from, (graph.get(from) ?? new Set()).add(to))
      }
      const cycles: string[] = []
      const visit = (folder: string, path: readonly string[]): void => {
        if (path.includes(folder)) {
          cycles.push([...path.slice(path.indexOf(folder)), folder].join(' -> '))
          return
        }
        for (const next of graph.get(folder) ?? []) visit(next, [...path, folder])
      }
      for (const folder of graph.keys()) visit(folder, [])
      expect(cycles).toEqual([])
    })
  })

  it('the kernel names no aggregate: stream kinds come from the aggregates themselves', () => {
    const kernel = join(packagesDir, 'core', 'src', 'kernel')
    for (const file of sourceFiles(kernel).filter(isProductionSource))
      expect(readFileSync(file, 'utf8'), relative(root, file)).not.toMatch(
        /'(enrollment|mentorship|mentor|competency|complaint)'/,
      )
  })

  it.each(['examples', 'scripts', 'test'])('%s import the packages only through their public entries', dir => {
    for (const file of sourceFiles(join(root, dir)))
      for (const specifier of importsOf(file)) {
        expect(specifier, relative(root, file)).not.toMatch(/^@pembina\/[^/]+\/.+/)
        expect(specifier, relative(root, file)).not.toMatch(/(^|\/)packages\//)
      }
  })
})
