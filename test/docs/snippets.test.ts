// The docs cannot drift: every TypeScript snippet of every page of docs/ and of every README is type-checked with the
// repository's compiler options (strict, exactOptionalPropertyTypes, …), all in one program, and run as written,
// importing only the packages' public entries, as a user who copies it would: the scripts one after another in one
// node process, each in a folder of its own as its working directory, and the suites in one vitest run.
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { pages, root, type Snippet, snippetsOf } from './pages.js'

const run = promisify(execFile)
// Inside the repository (one folder per run, so runs side by side never meet, removed after it), so that the snippets
// resolve `@pembina/*`, fp-ts and fast-check from its node_modules as a user's project would.
const out = join(root, 'test', 'docs', `.snippets-${process.pid}`)

const snippets = pages.flatMap(snippetsOf)
const fragments = snippets.filter(snippet => snippet.kind === 'fragment')

/** A snippet as a file of its own: a module, as in a user's project. */
interface SnippetFile extends Snippet {
  readonly name: string
  readonly dir: string
  readonly path: string
}

const files: readonly SnippetFile[] = snippets
  .filter(snippet => snippet.kind !== 'fragment')
  .map(snippet => {
    const name = `${snippet.page.replace(/[/.]/g, '-')}-${snippet.index}`
    const dir = join(out, name)
    return {
      ...snippet,
      name,
      dir,
      path: join(dir, `snippet${snippet.kind === 'suite' ? '.test' : ''}.mts`),
    }
  })

const where = (file: Snippet): string => `${file.page}:${file.line} (snippet ${file.index})`

const write = (): void => {
  for (const file of files) {
    mkdirSync(file.dir, { recursive: true })
    writeFileSync(file.path, `${file.code}\nexport {}\n`)
  }
}

// How vitest runs the suites: the packages' sources, as the repository's own tests see them.
const vitestConfig = `const conditions = ['@pembina/source', 'node', 'import', 'module', 'default']
export default {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { include: ['**/*.test.mts'], environment: 'node' },
}
`

// Runs the scripts one after another in this process, each from its own folder, with a time limit each; writes what
// each did to the file named first. A snippet may leave a store open or a timer running: the process exits anyway.
const runner = `import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
const [resultsFile, listFile] = process.argv.slice(2)
const scripts = JSON.parse((await import('node:fs')).readFileSync(listFile, 'utf8'))
const results = {}
let current
process.on('unhandledRejection', error => { if (current !== undefined) results[current] ??= String(error?.stack ?? error) })
for (const script of scripts) {
  current = script.name
  process.chdir(script.dir)
  let timer
  const limit = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('still running after 60 s')), 60_000) })
  try {
    await Promise.race([import(pathToFileURL(script.path).href), limit])
    results[script.name] ??= 'ok'
  } catch (error) {
    results[script.name] = String(error?.stack ?? error)
  } finally {
    clearTimeout(timer)
  }
}
writeFileSync(resultsFile, JSON.stringify(results))
process.exit(0)
`

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

describe('the TypeScript snippets of docs/ and the READMEs', { timeout: 240_000 }, () => {
  it('are found on every page that has one', () => {
    expect(files.length).toBeGreaterThanOrEqual(25)
    expect(new Set(files.map(file => file.page))).toContain('README.md')
  })

  it('are whole examples, but for a few fragments that say why', () => {
    for (const fragment of fragments) console.info(`${where(fragment)} is a fragment: ${fragment.reason}`)
    expect(fragments.filter(fragment => fragment.reason.length < 10).map(where)).toEqual([])
    expect(fragments.length).toBeLessThanOrEqual(3)
  })

  it('type-check as written, in one program with the repository’s compiler options', () => {
    write()
    const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), path => ts.sys.readFile(path))
    const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
    const program = ts.createProgram(
      files.map(file => file.path),
      {
        ...options,
        noEmit: true,
        composite: false,
        declaration: false,
        declarationMap: false,
        sourceMap: false,
        incremental: false,
      },
    )
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter(diagnostic => diagnostic.file !== undefined && diagnostic.file.fileName.startsWith(out))
      .map(diagnostic => {
        const at = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
        const file = files.find(each => each.path === diagnostic.file?.fileName)
        const line = file === undefined ? '?' : file.line + (at?.line ?? 0) + 1
        return `${file?.page ?? '?'}:${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
      })
    expect(problems).toEqual([])
  })

  it('run as written: the scripts with node, the suites with vitest (a server’s only type-checked)', async () => {
    write()
    const scripts = files.filter(file => file.kind === 'script')
    const suites = files.filter(file => file.kind === 'suite')
    const resultsFile = join(out, 'results.json')
    writeFileSync(join(out, 'runner.mjs'), runner)
    writeFileSync(join(out, 'scripts.json'), JSON.stringify(scripts))
    writeFileSync(join(out, 'vitest.config.mjs'), vitestConfig)
    const options = { cwd: root, timeout: 200_000, maxBuffer: 64 * 1024 * 1024 }
    const [suitesRan] = await Promise.all([
      suites.length === 0
        ? Promise.resolve('ok')
        : run(
            process.execPath,
            [
              join(root, 'node_modules', 'vitest', 'vitest.mjs'),
              'run',
              '--root',
              out,
              ...suites.map(file => file.path),
            ],
            options,
          ).then(
            () => 'ok',
            (error: unknown) => `${suites.map(where).join(', ')}: ${error instanceof Error ? error.message : 'failed'}`,
          ),
      run(
        process.execPath,
        [
          '--import',
          'tsx',
          '--conditions=@pembina/source',
          join(out, 'runner.mjs'),
          resultsFile,
          join(out, 'scripts.json'),
        ],
        options,
      ),
    ])
    const results: unknown = JSON.parse(readFileSync(resultsFile, 'utf8'))
    const outcomeOf = (file: SnippetFile): string => {
      const outcome: unknown = typeof results === 'object' && results !== null ? Reflect.get(results, file.name) : null
      return outcome === 'ok' ? 'ok' : `${where(file)}: ${String(outcome)}`
    }
    expect(scripts.map(outcomeOf).filter(outcome => outcome !== 'ok')).toEqual([])
    expect(suitesRan).toBe('ok')
  })
})
