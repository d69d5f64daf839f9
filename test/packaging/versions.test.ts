// The versioning practice of the README's Developing section: one version for every package, and a changelog whose
// newest release is that version.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readManifest } from './package-manifest.js'
import { packageFolders } from './packed-packages.js'

const root = resolve(import.meta.dirname, '../..')
const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8')
const versions = packageFolders(root).map(
  folder => readManifest(join(root, 'packages', folder, 'package.json')).version,
)
const releases = [...changelog.matchAll(/^## \[(.+?)\](.*)$/gm)].map(([, name = '', rest = '']) => ({ name, rest }))

describe('versions and the changelog', () => {
  it('every package has the same version', () => {
    expect(versions.length).toBeGreaterThan(0)
    expect(new Set(versions).size).toBe(1)
  })

  it('the changelog opens with an Unreleased section, and every release below it is a version with its date', () => {
    expect(releases[0]).toEqual({ name: 'Unreleased', rest: '' })
    for (const release of releases.slice(1)) {
      expect(release.name).toMatch(/^\d+\.\d+\.\d+$/)
      expect(release.rest).toMatch(/^ - \d{4}-\d{2}-\d{2}$/)
    }
  })

  it('the newest release in the changelog is the packages’ version', () => {
    // Until the first release is cut, the changelog has only its Unreleased section.
    expect([undefined, versions[0]]).toContain(releases[1]?.name)
  })
})
