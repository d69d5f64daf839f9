import * as E from 'fp-ts/lib/Either.js'

/** The categories of streams Pembina writes: one per aggregate. */
export type Category = 'enrollment' | 'mentorship' | 'competency' | 'complaint'

/** A stream name, `<category>-<id>` (EventStoreDB's category convention: the category ends at the first dash). */
export type StreamName = `${Category}-${string}`

const categories: readonly Category[] = ['enrollment', 'mentorship', 'competency', 'complaint']
const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

/** Names the stream of one aggregate instance. */
export const streamName = (category: Category, id: string): StreamName => `${category}-${id}`

/** Splits a stream name into its category and id, or says why it is not one of Pembina's. */
export const parseStreamName = (
  name: string,
): E.Either<string, { readonly category: Category; readonly id: string }> => {
  const dash = name.indexOf('-')
  const category = categories.find(c => c === name.slice(0, dash))
  const id = name.slice(dash + 1)
  if (dash < 0 || category === undefined)
    return E.left(`stream name "${name}" must start with one of ${categories.map(c => `${c}-`).join(', ')}`)
  if (!idPattern.test(id))
    return E.left(
      `stream id "${id}" must be 1-128 letters, digits, ".", "_", ":" or "-", starting with a letter or digit`,
    )
  return E.right({ category, id })
}

/** Whether a string can serve as an aggregate id inside a stream name. */
export const isStreamId = (id: string): boolean => idPattern.test(id)
