export * from './history-lines.js'
export * from './for-all-histories.js'
export * from './verify-policies.js'
