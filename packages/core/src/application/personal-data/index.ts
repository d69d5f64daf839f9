export * from './in-memory-key-store.js'
export * from './sealing.js'
export * from './tracking-token.js'
export * from './sealing-handler.js'
