// The fields of a package.json that the packaging tests read, decoded rather than trusted.
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { formatDecodeFailure, decodeWith } from '@pembina/core'

const Ranges = t.record(t.string, t.string)

/** A package.json as far as packing and installing need it. */
export const PackageManifest = t.intersection([
  t.type({ name: t.string }),
  t.partial({
    version: t.string,
    license: t.string,
    dependencies: Ranges,
    devDependencies: Ranges,
    peerDependencies: Ranges,
    peerDependenciesMeta: t.record(t.string, t.partial({ optional: t.boolean })),
    engines: Ranges,
  }),
])

/** A decoded package.json. */
export type PackageManifest = t.TypeOf<typeof PackageManifest>

/** Reads and decodes the package.json at `path`; throws, naming the file and each bad field, if it does not decode. */
export const readManifest = (path: string): PackageManifest => {
  const manifest = decodeWith(PackageManifest)(JSON.parse(readFileSync(path, 'utf8')))
  if (E.isLeft(manifest)) throw new Error(`${path}: ${formatDecodeFailure(manifest.left)}`)
  return manifest.right
}
