export * from './reactor-types.js'
export { startReactor, reactorVersion } from './reactor.js'
export { retryParked, parkedEntries, type RetryParkedOptions, type RetryReport } from './retry-parked.js'
export {
  ParkedEntry,
  JsonCommand,
  parkedKeyOf,
  type ParkedCommand,
  type ParkedEvent,
  type ParkedReason,
  type ParkedSource,
} from './parked.js'
export { PolicyError } from './reactions.js'
