export * from './store-directory.js'
