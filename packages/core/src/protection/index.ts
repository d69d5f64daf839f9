export * from './complaint.js'
export * from './personnel.js'
