// The shell commands of the pages (```sh blocks) are not run, being installs, servers and long runs; what can drift in
// them is checked instead: a `pnpm` command names a script of the root package.json (or a command pnpm has), a
// `pembina` command and its options exist in the CLI, and an `npm install` of a Pembina package names the package's
// peer dependencies too, so that the line a user copies installs something that works.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pages, root } from './pages.js'

/** The commands of a page's ```sh blocks: one per line or per `&&`, comments dropped, `$ ` prompts dropped. */
const commandsOf = (page: string): readonly { readonly page: string; readonly words: readonly string[] }[] =>
  [...readFileSync(join(root, page), 'utf8').matchAll(/^( *)```sh\n([\s\S]*?)^\1```$/gm)].flatMap(match =>
    (match[2] ?? '')
      .replace(/\\\n/g, ' ')
      .split('\n')
      .map(line => line.replace(/(^|\s)#.*$/, '').replace(/^\s*\$ /, ''))
      .flatMap(line => line.split('&&'))
      .map(command => ({ page, words: command.trim().split(/\s+/).filter(Boolean) }))
      .filter(command => command.words.length > 0),
  )

const commands = pages.flatMap(commandsOf)
const json = (path: string): unknown => JSON.parse(readFileSync(join(root, path), 'utf8'))
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined
const keysOf = (value: unknown): readonly string[] =>
  typeof value === 'object' && value !== null ? Object.keys(value) : []

const scripts = keysOf(field(json('package.json'), 'scripts'))
// pnpm's own commands the pages use, and the tools it runs from node_modules/.bin.
const pnpmCommands = ['install', 'add', 'test', 'run', 'exec', 'dlx', '-r']
const cliSource = readFileSync(join(root, 'packages', 'cli', 'src', 'cli.ts'), 'utf8')
const subcommands = [...cliSource.matchAll(/\.command\('([a-z-]+)'\)/g)].map(match => match[1])
const options = new Set([...cliSource.matchAll(/'(--[a-z-]+)/g)].map(match => match[1]).concat(['--help', '--version']))

/** The words after `pnpm` (or `npx -y pnpm@x`), or undefined when the command is not pnpm's. */
const afterPnpm = (words: readonly string[]): readonly string[] | undefined => {
  const at = words.findIndex(word => word === 'pnpm' || word.startsWith('pnpm@'))
  return at === -1 || (at > 0 && words[0] !== 'npx') ? undefined : words.slice(at + 1)
}

describe('the shell commands of docs/ and the READMEs', () => {
  it('are found', () => {
    expect(commands.length).toBeGreaterThan(20)
  })

  it('run a script of the root package.json, or a command pnpm has, when they start with pnpm', () => {
    const unknown = commands.flatMap(({ page, words }) => {
      const rest = afterPnpm(words)
      if (rest === undefined) return []
      const [first = '', second = ''] = rest
      const name = first === 'run' ? second : first
      const known =
        (first === 'run' ? scripts.includes(second) : scripts.includes(first)) ||
        (first !== 'run' && pnpmCommands.includes(first)) ||
        existsSync(join(root, 'node_modules', '.bin', first))
      return known ? [] : [`${page}: pnpm ${rest.join(' ')} (no script ${name})`]
    })
    expect(unknown).toEqual([])
  })

  it('name a command and options of the pembina CLI', () => {
    const unknown = commands.flatMap(({ page, words }) => {
      const at = words.indexOf('pembina')
      if (at === -1 || (at > 0 && !['npx', 'pnpm'].some(tool => words.slice(0, at).join(' ').includes(tool)))) return []
      const [subcommand = '', ...rest] = words.slice(at + 1)
      const flags = rest.filter(word => word.startsWith('--')).map(word => word.replace(/=.*$/, ''))
      return [
        ...(subcommands.includes(subcommand) ? [] : [`${page}: pembina ${subcommand} is no command`]),
        ...flags.filter(flag => !options.has(flag)).map(flag => `${page}: pembina ${subcommand} ${flag} is no option`),
      ]
    })
    expect(subcommands.length).toBeGreaterThanOrEqual(7)
    expect(unknown).toEqual([])
  })

  it('install, with a Pembina package, every required peer dependency it asks for', () => {
    const missing = pages.flatMap(page => {
      const installed = commandsOf(page)
        .filter(({ words }) => words[0] === 'npm' && (words[1] === 'install' || words[1] === 'i'))
        .flatMap(({ words }) => words.slice(2).filter(word => !word.startsWith('-')))
      return installed
        .filter(name => name.startsWith('@pembina/'))
        .flatMap(name => {
          const manifest = `packages/${name.slice('@pembina/'.length)}/package.json`
          if (!existsSync(join(root, manifest))) return [`${page}: ${name} is no package`]
          // An optional peer (one of the two EventStoreDB clients, say) is the user's choice, not a missing install.
          const meta = field(json(manifest), 'peerDependenciesMeta')
          const optional = (peer: string): boolean => field(field(meta, peer), 'optional') === true
          return keysOf(field(json(manifest), 'peerDependencies'))
            .filter(peer => !installed.includes(peer) && !optional(peer))
            .map(peer => `${page}: npm install ${name} without its peer ${peer}`)
        })
    })
    expect(missing).toEqual([])
  })
})
