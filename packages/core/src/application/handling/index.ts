export * from './command-handler.js'
export * from './handle-outcome.js'
export type {
  CommandHandlerBase,
  CommandHandlerOptions,
  HandledAggregate,
  WithoutSnapshots,
  WithSnapshots,
} from './handler-options.js'
export * from './retry-backoff.js'
export type { PersonnelDirectory } from './personnel-directory.js'
