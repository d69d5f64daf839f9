import type { ExpectedRevision } from './memory-log.js'

/** The expected-revision oneof as Append, Delete, Tombstone and BatchAppend options all lay it out. */
export interface ExpectedRevisionOption {
  /** The case number: 2 exact revision, 3 no stream, 4 any, 5 stream exists (the same in every request). */
  readonly caseNumber: number
  readonly revision: string
}

/** The expected revision a request asked for, or undefined when it set none (EventStoreDB rejects that). */
export const expectedRevisionOf = (option: ExpectedRevisionOption): ExpectedRevision | undefined => {
  switch (option.caseNumber) {
    case 2:
      return /^\d+$/.test(option.revision) ? { kind: 'exact', revision: BigInt(option.revision) } : undefined
    case 3:
      return { kind: 'no-stream' }
    case 4:
      return { kind: 'any' }
    case 5:
      return { kind: 'stream-exists' }
    default:
      return undefined
  }
}
