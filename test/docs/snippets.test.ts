// The docs cannot drift: every TypeScript snippet of these pages is type-checked with the repository's compiler
// options (strict, exactOptionalPropertyTypes, …) and run as written, importing only the packages' public entries,
// as a user who copies it would.
import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = fileURLToPath(new URL('../..', import.meta.url))
// Inside the repository (one folder per run, so runs side by side never meet, removed after it), so that the snippets
// resolve `@pembina/*`, fp-ts and fast-check from its node_modules as a user's project would.
const out = join(root, 'test', 'docs', `.snippets-${process.pid}`)

/** The pages whose snippets are checked. */
const pages = ['docs/testing.md'] as const

/**
 * The ```ts blocks of a page, in order: a block marked ```ts suite is a vitest suite (it calls describe/it, as the
 * store contract does), run by vitest; any other runs as a script.
 */
const snippetsOf = (page: string): readonly { readonly code: string; readonly suite: boolean }[] =>
  [...readFileSync(join(root, page), 'utf8').matchAll(/^( *)```ts( suite)?\n([\s\S]*?)^\1```$/gm)].map(match => {
    // A block inside a list item is indented with it: its lines lose that indentation.
    const indent = match[1] ?? ''
    const code = (match[3] ?? '')
      .split('\n')
      .map(line => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n')
    return { code, suite: match[2] !== undefined }
  })

const files = pages.flatMap(page =>
  snippetsOf(page).map(({ code, suite }, index) => ({
    page,
    index: index + 1,
    suite,
    path: join(out, `${page.replace(/[/.]/g, '-')}-${index + 1}${suite ? '.test' : ''}.mts`),
    // A snippet is a module of its own, as in a user's file.
    code: `${code}\nexport {}\n`,
  })),
)

// How vitest runs the suites: the packages' sources, as the repository's own tests see them.
const vitestConfig = `const conditions = ['@pembina/source', 'node', 'import', 'module', 'default']
export default {
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: { include: ['*.test.mts'], environment: 'node' },
}
`

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

describe('the docs’ TypeScript snippets', { timeout: 180_000 }, () => {
  it('are found', () => {
    expect(files.length).toBeGreaterThanOrEqual(2)
  })

  it('type-check as written, with the repository’s compiler options', () => {
    mkdirSync(out, { recursive: true })
    for (const file of files) writeFileSync(file.path, file.code)
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
        const where = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
        const file = files.find(each => each.path === diagnostic.file?.fileName)
        return `${file?.page ?? '?'} snippet ${file?.index ?? '?'} line ${(where?.line ?? 0) + 1}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
      })
    expect(problems).toEqual([])
  })

  it('run as written: a script with node, a suite with vitest', async () => {
    mkdirSync(out, { recursive: true })
    writeFileSync(join(out, 'vitest.config.mjs'), vitestConfig)
    for (const file of files) {
      writeFileSync(file.path, file.code)
      const command = file.suite
        ? [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--root', out, file.path]
        : ['--import', 'tsx', '--conditions=@pembina/source', file.path]
      const ran = await run(process.execPath, command, { cwd: root, timeout: 120_000 }).then(
        () => 'ok',
        (error: unknown) => `${file.page} snippet ${file.index}: ${error instanceof Error ? error.message : 'failed'}`,
      )
      expect(ran).toBe('ok')
    }
  })
})
