// The pages link to each other, to the packages' READMEs and to the repository's files: every relative link of every
// page of docs/ and every README must lead to a file that exists, and a link to a heading (`page.md#heading`) to a
// heading that page has, as GitHub and the site (`pnpm run docs`) name it.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pages, root } from './pages.js'

/** A page's text without its fenced blocks and code spans, where a bracket is code, not a link. */
const prose = (text: string): string => text.replace(/^( *)```[\s\S]*?^\1```$/gm, '').replace(/`[^`\n]*`/g, '')

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens (then -1, -2 when repeated). */
const anchorsOf = (text: string): ReadonlySet<string> => {
  const seen = new Map<string, number>()
  const anchors = new Set<string>()
  for (const match of text.replace(/^( *)```[\s\S]*?^\1```$/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = (match[1] ?? '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-')
    const times = seen.get(slug) ?? 0
    seen.set(slug, times + 1)
    anchors.add(times === 0 ? slug : `${slug}-${times}`)
  }
  return anchors
}

const links = pages.flatMap(page =>
  [...prose(readFileSync(join(root, page), 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)]
    .map(match => match[1] ?? '')
    .filter(target => !/^[a-z]+:/.test(target))
    .map(target => ({ page, target })),
)

describe('the links between the pages of docs/ and the READMEs', () => {
  it('are found', () => {
    expect(links.length).toBeGreaterThan(50)
  })

  it('lead to a file of the repository, and to a heading of it when they name one', () => {
    const broken = links.filter(({ page, target }) => {
      const [path = '', anchor] = target.split('#')
      const file = path === '' ? join(root, page) : normalize(join(root, dirname(page), decodeURI(path)))
      if (!file.startsWith(root) || !existsSync(file)) return true
      return anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)
    })
    expect(broken.map(({ page, target }) => `${page} → ${target}`)).toEqual([])
  })

  it('reach every page of docs/ from the README or another page', () => {
    const linked = new Set(
      links.map(({ page, target }) => relative(root, normalize(join(root, dirname(page), target.split('#')[0] ?? '')))),
    )
    expect(pages.filter(page => page.startsWith('docs/') && !linked.has(page))).toEqual([])
  })
})
