import * as E from 'fp-ts/lib/Either.js'
import { type DecodeFailure, decodeWith, formatDecodeFailure } from '@pembina/core'
import * as t from 'io-ts'
import type { JsonValue, ListQuery, Projection, ReadModelStore } from '../projection.js'

/**
 * A projection's document codec: decodes what a store hands back and encodes a document to JSON. It wraps a codec
 * whose type and output are both JSON, which is what lets a document travel through any store.
 */
export const documentCodec = <A extends JsonValue, O extends JsonValue>(codec: t.Type<A, O>): t.Type<A, JsonValue> =>
  new t.Type<A, JsonValue>(codec.name, codec.is, codec.validate, value => codec.encode(value))

/** Raised by a query when a stored document does not decode with its projection's codec: the store holds bad data. */
export class ReadModelDocumentError extends Error {
  override readonly name = 'ReadModelDocumentError'
  constructor(
    readonly projection: string,
    readonly key: string,
    readonly failure: DecodeFailure,
  ) {
    super(`document ${key} of read model ${projection} does not decode: ${formatDecodeFailure(failure)}`)
  }
}

const decoded = <Doc extends JsonValue>(projection: Projection<Doc>, key: string, doc: JsonValue): Doc => {
  const result = decodeWith(projection.document, `${projection.name} document`)(doc)
  if (E.isLeft(result)) throw new ReadModelDocumentError(projection.name, key, result.left)
  return result.right
}

/** The document under a key of a projection's serving version, decoded; undefined when there is none. */
export const readDocument = async <Doc extends JsonValue>(
  store: ReadModelStore,
  projection: Projection<Doc>,
  key: string,
): Promise<Doc | undefined> => {
  const doc = await store.get(projection.name, key)
  return doc === undefined ? undefined : decoded(projection, key, doc)
}

/** A document with its key, decoded. */
export interface Keyed<Doc> {
  readonly key: string
  readonly doc: Doc
}

/** The documents of a projection's serving version that match a query, each decoded. */
export const listDocuments = async <Doc extends JsonValue>(
  store: ReadModelStore,
  projection: Projection<Doc>,
  query?: ListQuery,
): Promise<readonly Keyed<Doc>[]> => {
  const listed = await store.list(projection.name, query)
  return listed.map(({ key, doc }) => ({ key, doc: decoded(projection, key, doc) }))
}
