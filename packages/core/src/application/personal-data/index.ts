export * from './in-memory-key-store.js'
export * from './sealing.js'
