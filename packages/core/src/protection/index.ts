export * from './personnel.js'
