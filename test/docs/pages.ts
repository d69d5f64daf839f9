// The pages a user reads (every page of docs/ and every README a package shows) and the code blocks in them.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository's root folder. */
export const root = fileURLToPath(new URL('../..', import.meta.url))

const markdownUnder = (dir: string): readonly string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.md'))
    .map(entry => relative(root, join(entry.parentPath, entry.name)))

/** Every page of docs/ (its folders included), the root README and each package's README, by path from the root. */
export const pages: readonly string[] = [
  'README.md',
  ...readdirSync(join(root, 'packages')).map(name => `packages/${name}/README.md`),
  ...markdownUnder('docs'),
].sort()

/**
 * How a ```ts block is checked: a `script` is type-checked and run with node; a `suite` (```ts suite, it calls
 * describe/it) is type-checked and run with vitest; a `server` block (```ts server) needs a running EventStoreDB, so
 * it is type-checked only; a `fragment` (```ts fragment: why) is neither, and says why.
 */
export type SnippetKind = 'script' | 'suite' | 'server' | 'fragment'

/** A ```ts block of a page: its code (without a list item's indentation), how it is checked, and its line. */
export interface Snippet {
  readonly page: string
  /** 1-based, among the page's ```ts blocks. */
  readonly index: number
  /** The line of the opening fence, 1-based. */
  readonly line: number
  readonly kind: SnippetKind
  /** Why a fragment cannot stand alone, as its fence says. */
  readonly reason: string
  readonly code: string
}

const fence = /^( *)```ts(?: (suite|server|fragment)(?::? (.*))?)?\n([\s\S]*?)^\1```$/gm

/** The ```ts blocks of a page, in order. */
export const snippetsOf = (page: string): readonly Snippet[] => {
  const text = readFileSync(join(root, page), 'utf8')
  return [...text.matchAll(fence)].map((match, index) => {
    // A block inside a list item is indented with it: its lines lose that indentation.
    const indent = match[1] ?? ''
    const code = (match[4] ?? '')
      .split('\n')
      .map(line => (line.startsWith(indent) ? line.slice(indent.length) : line))
      .join('\n')
    const marker = match[2]
    const kind: SnippetKind = marker === 'suite' || marker === 'server' || marker === 'fragment' ? marker : 'script'
    const line = text.slice(0, match.index).split('\n').length
    return { page, index: index + 1, line, kind, reason: (match[3] ?? '').trim(), code }
  })
}
