export * from './handling/index.js'
export * from './in-memory/index.js'
export * from './integrity/index.js'
export type {
  HandleCorruptStream,
  HandleUnavailable,
  LoadBase,
  LoadFailure,
  SnapshotOptions,
  SnapshotUse,
  StateCache,
  StateCacheOptions,
  WrittenEvent,
} from './loading/index.js'
export {
  defaultMaxSnapshotBytes,
  snapshotCommandLimit,
  snapshotDigest,
  snapshotDigestProblem,
  stateCache,
} from './loading/index.js'
export * from './personal-data/index.js'
