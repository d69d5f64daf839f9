// Guards the shape DESIGN.md agreed on: packages talk through public entries, and core stays pure.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')
const packagesDir = join(root, 'packages')
const packages = readdirSync(packagesDir).filter(name => statSync(join(packagesDir, name)).isDirectory())

const sourceFiles = (dir: string): readonly string[] =>
  readdirSync(dir).flatMap(name => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return name.endsWith('.ts') ? [path] : []
  })

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
    // application/ is the effectful shell (command handling, hashing, the in-memory store); everything else is pure.
    const pure = sourceFiles(dir).filter(f => !f.endsWith('.test.ts') && !f.startsWith(join(dir, 'application')))
    for (const file of pure) {
      for (const specifier of importsOf(file)) expect(specifier, relative(root, file)).toMatch(/^(\.|fp-ts\/|io-ts$)/)
      const text = readFileSync(file, 'utf8')
      expect(text, relative(root, file)).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random\(|process\.env/)
    }
  })
})
