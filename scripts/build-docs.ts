// `pnpm run docs`: one offline site in site/, the guides of docs/ and the packages' READMEs as pages beside the API
// reference typedoc builds from each package's public entry and its TSDoc. Fails on any typedoc warning (a broken link
// between pages, a symbol the API shows but no package exports, a tag it does not know) and on a page that would load
// anything from the network (a script, a stylesheet, a font, an image).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  Application,
  Converter,
  type Context,
  type DeclarationReflection,
  MinimalSourceFile,
  normalizePath,
  ReflectionKind,
  TSConfigReader,
} from 'typedoc'

const root = fileURLToPath(new URL('..', import.meta.url))
const out = join(root, 'site')

/** The guides in reading order; a page of docs/ not listed here follows them, in the order of its path. */
const guides = [
  'docs/getting-started.md',
  'docs/architecture.md',
  'docs/domain.md',
  'docs/configuration.md',
  'docs/adapters/in-memory.md',
  'docs/adapters/sqlite.md',
  'docs/adapters/eventstoredb.md',
  'docs/projections.md',
  'docs/reactors.md',
  'docs/audit.md',
  'docs/personal-data.md',
  'docs/testing.md',
  'docs/limits.md',
  'docs/observability.md',
  'docs/events.md',
]
const packages = readdirSync(join(root, 'packages')).sort()
const everyGuide = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' })
  .filter(file => file.endsWith('.md'))
  .map(file => `docs/${file}`)
  .sort()
const documents = [
  ...guides.filter(page => everyGuide.includes(page)),
  ...everyGuide.filter(page => !guides.includes(page)),
]

const app = await Application.bootstrapWithPlugins(
  {
    name: 'Pembina',
    entryPoints: packages.map(name => `packages/${name}/src/index.ts`),
    tsconfig: 'tsconfig.docs.json',
    readme: 'README.md',
    projectDocuments: documents,
    out,
    // Paths as written from the repository's root, so that a page's name is its path (`docs/audit`).
    basePath: '.',
    displayBasePath: '.',
    // No source links: the site must open from a folder, with no repository host to link to.
    disableSources: true,
    // DOMAIN.md and the like stay words: linkify would make them links to a host of that name.
    markdownItOptions: { linkify: false },
    githubPages: false,
    hideGenerator: true,
    treatWarningsAsErrors: true,
    validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: false },
    excludePrivate: true,
    excludeInternal: true,
  },
  [new TSConfigReader()],
)

/** The name in the package.json nearest above a file. */
const packageNameOf = (file: string): string | undefined => {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json')
    if (existsSync(manifest)) {
      const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'))
      const name: unknown = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'name') : undefined
      return typeof name === 'string' ? name : undefined
    }
  }
  return undefined
}

// A package's module is named as users import it (`@pembina/core`, not its folder `core/src`), and its page opens with
// the package's README, which is where the links to that README lead.
app.converter.on(Converter.EVENT_CREATE_DECLARATION, (context: Context, reflection: DeclarationReflection) => {
  if (!reflection.kindOf(ReflectionKind.Module)) return
  const file = context.getSymbolFromReflection(reflection)?.declarations?.[0]?.getSourceFile().fileName
  const name = file === undefined ? undefined : packageNameOf(file)
  if (file === undefined || name === undefined) return
  reflection.name = name
  const readme = normalizePath(join(dirname(dirname(file)), 'README.md'))
  const { content } = app.converter.parseRawComment(
    new MinimalSourceFile(readFileSync(readme, 'utf8'), readme),
    context.project.files,
  )
  reflection.readme = content
  context.project.files.registerReflectionPath(readme, reflection)
})

// A page is titled by its first heading.
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context: Context) => {
  for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Document)) {
    if (!reflection.isDocument()) continue
    const path = `${reflection.name}.md`
    const heading = /^# (.+)$/m.exec(readFileSync(join(root, path), 'utf8'))?.[1]
    if (heading !== undefined) reflection.name = heading.replace(/`/g, '')
  }
})

const project = await app.convert()
if (project === undefined || app.logger.hasErrors() || app.logger.hasWarnings()) {
  console.error('typedoc reported the problems above: the site was not built')
  process.exit(1)
}
// Every type the public API refers to must be exported by its package, so a user can import it by the name the
// reference shows. typedoc checks exports only for the project's own package (with several entry points, the root
// one, `pembina`, so none), so each package is checked as the project's package in turn, after the links and paths of
// every page.
app.validate(project)
const rootPackage = project.packageName
app.options.setValue('validation', {
  notExported: true,
  invalidLink: false,
  invalidPath: false,
  rewrittenLink: false,
  notDocumented: false,
  unusedMergeModuleWith: false,
})
for (const folder of packages) {
  const name = packageNameOf(join(root, 'packages', folder, 'src', 'index.ts'))
  if (name === undefined) throw new Error(`packages/${folder} has no package.json naming it`)
  project.packageName = name
  app.validate(project)
}
if (rootPackage !== undefined) project.packageName = rootPackage
if (app.logger.hasErrors() || app.logger.hasWarnings()) {
  console.error('typedoc reported the problems above: the site was not built')
  process.exit(1)
}
await app.generateDocs(project, out)
if (app.logger.hasErrors() || app.logger.hasWarnings()) process.exit(1)

// Offline: nothing the pages load (scripts, stylesheets, fonts, images, frames) may come from another host.
const loadsFromNetwork =
  /<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=["']?(?:https?:)?\/\/|<link\b[^>]*\bhref=["']?(?:https?:)?\/\/|url\(\s*["']?(?:https?:)?\/\/|@import\s+["'](?:https?:)?\/\//i
const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter(file => /\.(html|css|js)$/.test(file))
const online = files.filter(file => loadsFromNetwork.test(readFileSync(join(out, file), 'utf8')))
if (online.length > 0) {
  console.error(`these files of the site load something from the network: ${online.join(', ')}`)
  process.exit(1)
}
console.log(
  `site/ built: ${relative(root, join(out, 'index.html'))}, ${files.length} files, nothing loaded from the network`,
)
