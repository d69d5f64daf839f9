// docs/observability.md names every span, span event and attribute the packages create: the names are read from the
// sources (every startSpan, startActiveSpan, addEvent, setAttribute and setAttributes call, and the attributes given
// when a span starts), so a span or attribute added in code and not documented fails here, and so does a name the
// page documents that no code sets any more.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { root } from './pages.js'

const page = 'docs/observability.md'

const sources = readdirSync(join(root, 'packages'), { withFileTypes: true })
  .filter(entry => entry.isDirectory())
  .flatMap(entry =>
    readdirSync(join(root, 'packages', entry.name, 'src'), { recursive: true, encoding: 'utf8' })
      .filter(file => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('test-support.ts'))
      .map(file => join(root, 'packages', entry.name, 'src', file)),
  )

/** What the sources name: span names (a template's `${…}` read as `<…>`), span events and attribute keys. */
interface Traced {
  readonly spans: Set<string>
  readonly events: Set<string>
  readonly attributes: Set<string>
  /** Calls whose name or key is not a literal, which this test cannot read (and so cannot check). */
  readonly unreadable: string[]
}

const nameOf = (node: ts.Expression): string | undefined =>
  ts.isStringLiteralLike(node)
    ? node.text
    : ts.isTemplateExpression(node)
      ? node.head.text + node.templateSpans.map(span => `<…>${span.literal.text}`).join('')
      : undefined

/** The keys of an object literal, those of the object literals spread into it included. */
const keysIn = (node: ts.Node, where: string, traced: Traced): void => {
  if (!ts.isObjectLiteralExpression(node)) {
    node.forEachChild(child => {
      keysIn(child, where, traced)
    })
    return
  }
  for (const property of node.properties) {
    if (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) {
      const key = ts.isStringLiteral(property.name) || ts.isIdentifier(property.name) ? property.name.text : undefined
      if (key === undefined) traced.unreadable.push(`${where}: a computed attribute key`)
      else traced.attributes.add(key)
    } else keysIn(property, where, traced)
  }
}

/** The attribute keys of a span's options (`{ attributes: { … } }`). */
const optionKeysIn = (node: ts.Expression | undefined, where: string, traced: Traced): void => {
  if (node === undefined || !ts.isObjectLiteralExpression(node)) return
  for (const property of node.properties)
    if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && property.name.text === 'attributes')
      keysIn(property.initializer, where, traced)
}

const traced: Traced = { spans: new Set(), events: new Set(), attributes: new Set(), unreadable: [] }
for (const file of sources) {
  const text = readFileSync(file, 'utf8')
  if (!/startSpan|startActiveSpan|setAttribute|addEvent/.test(text)) continue
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text
      const where = `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
      const [first, ...rest] = node.arguments
      const named = (into: Set<string>): void => {
        const name = first === undefined ? undefined : nameOf(first)
        if (name === undefined) traced.unreadable.push(`${where}: ${method} with a name that is not a literal`)
        else into.add(name)
      }
      if (method === 'startSpan' || method === 'startActiveSpan') named(traced.spans)
      if (method === 'addEvent') named(traced.events)
      if (method === 'setAttribute') named(traced.attributes)
      if (method === 'setAttributes' && first !== undefined) keysIn(first, where, traced)
      if (method === 'startSpan' || method === 'startActiveSpan') optionKeysIn(rest[0], where, traced)
      if (method === 'addEvent' && rest[0] !== undefined) keysIn(rest[0], where, traced)
    }
    node.forEachChild(visit)
  }
  visit(source)
}

const documented = readFileSync(join(root, page), 'utf8')
/** The names the page shows in code spans, `<…>` standing for any placeholder. */
const codeSpans = new Set(
  [...documented.matchAll(/`([^`\n]+)`/g)].map(match => (match[1] ?? '').replace(/<[^>]+>/g, '<…>')),
)

describe(`${page}: every OpenTelemetry span and attribute the packages create`, () => {
  it('is read from the sources as a literal', () => {
    expect(traced.unreadable).toEqual([])
    expect(traced.spans.size).toBeGreaterThanOrEqual(2)
    expect(traced.attributes.size).toBeGreaterThanOrEqual(10)
  })

  it('has its span name documented', () => {
    expect([...traced.spans].filter(name => !codeSpans.has(name))).toEqual([])
  })

  it('has its span event name documented', () => {
    expect([...traced.events].filter(name => !codeSpans.has(name))).toEqual([])
  })

  it('has its attribute key documented', () => {
    expect([...traced.attributes].filter(key => !codeSpans.has(key))).toEqual([])
  })

  it('is all the page documents: no name of a span, event or attribute that the code no longer sets', () => {
    const known = new Set([...traced.spans, ...traced.events, ...traced.attributes])
    const named = [...codeSpans].filter(span => /^pembina\.[a-z_.-]+( <…>)?$/.test(span))
    expect(named.filter(name => !known.has(name))).toEqual([])
  })
})
