import * as t from 'io-ts'
import { Sha256Hex } from '../shared/index.js'

/** The last event of one stream, as an audit saw it: its revision and its chain hash. */
export const StreamHead = t.strict({ revision: t.number, hash: Sha256Hex }, 'StreamHead')
export type StreamHead = t.TypeOf<typeof StreamHead>

/**
 * A head file: the last hash of every stream at the end of an audit, kept apart from the store (printed, signed,
 * given to the inspector). A later audit given it proves that no event up to those heads was changed, removed or
 * rewritten, even by someone who recomputed every hash after the change.
 */
export const HeadFile = t.strict(
  {
    format: t.literal('pembina-heads/1'),
    /** When the audit that wrote it ran. */
    writtenAt: t.string,
    /** The global position of the last event the audit read; null for an empty store. */
    position: t.union([t.string, t.null]),
    heads: t.record(t.string, StreamHead),
  },
  'HeadFile',
)
export type HeadFile = t.TypeOf<typeof HeadFile>
