export * from './replayed-event.js'
export * from './state-as-of.js'
export * from './replay.js'
