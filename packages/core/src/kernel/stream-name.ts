import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { refine } from './decode.js'

/** A stream name, `<category>-<id>` (EventStoreDB's category convention: the category ends at the first dash). */
export type StreamName<Category extends string = string> = `${Category}-${string}`

const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/** The rule every stream id keeps, in words: the one place it is written. */
export const streamIdRule = 'must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit'

/** Whether a string can serve as an aggregate id inside a stream name. */
export const isStreamId = (id: string): boolean => idPattern.test(id)

/** A codec for an id that names a stream (or a source of credit): it keeps `streamIdRule`, reported under `name`. */
export const streamId = (name: string): t.Type<string, string> =>
  refine(t.string, (s): s is string => isStreamId(s), name, streamIdRule)

/** Names the stream of one aggregate instance. */
export const streamName = <Category extends string>(category: Category, id: string): StreamName<Category> =>
  `${category}-${id}`

/**
 * Splits a stream name into its category and id, or says why it is not the stream of one of `categories` (the
 * category is what comes before the first dash; the id must keep `streamIdRule`).
 */
export const parseStreamNameIn = <Category extends string>(
  name: string,
  categories: readonly Category[],
): E.Either<string, { readonly category: Category; readonly id: string }> => {
  const dash = name.indexOf('-')
  const category = dash < 0 ? undefined : categories.find(c => c === name.slice(0, dash))
  if (category === undefined)
    return E.left(`stream name "${name}" must start with one of ${categories.map(c => `${c}-`).join(', ')}`)
  const id = name.slice(dash + 1)
  if (!isStreamId(id)) return E.left(`stream id "${id}" ${streamIdRule}`)
  return E.right({ category, id })
}
