import * as E from 'fp-ts/lib/Either.js'
import { canonicalJson, formatNotJson } from '@pembina/core'
import type { ReadModelStore } from './projection.js'

/**
 * A deterministic text of a projection's serving documents: one line per document, in key order, each the canonical
 * JSON of `[key, document]` (sorted object keys, no whitespace). Two read models are equal exactly when their dumps
 * are equal byte for byte, whichever store holds them and however their documents were built.
 */
export const dumpReadModel = async (store: ReadModelStore, name: string): Promise<string> => {
  const documents = await store.list(name)
  return documents
    .map(({ key, doc }) => {
      const line = canonicalJson([key, doc])
      if (E.isLeft(line)) throw new Error(`document ${key} of ${name} is not JSON: ${formatNotJson(line.left)}`)
      return `${line.right}\n`
    })
    .join('')
}
