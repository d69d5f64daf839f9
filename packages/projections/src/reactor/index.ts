export * from './reactor-types.js'
export { startReactor, reactorVersion } from './reactor.js'
export { retryParked, parkedEntries, type RetryParkedOptions, type RetryReport } from './retry-parked.js'
export {
  ParkedEntry,
  ParkedEntryFields,
  JsonCommand,
  parkedKeyOf,
  ParkedCommand,
  ParkedEvent,
  ParkedReason,
  ParkedSource,
  type JsonObject,
} from './parked.js'
export { PolicyError } from './reactions.js'
