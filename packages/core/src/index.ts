export * from './kernel/index.js'
export * from './shared/index.js'
