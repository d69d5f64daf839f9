export * from './canonical-json.js'
export * from './event-ids.js'
export * from './hash-chain.js'
export * from './chain-keys.js'
