export * from './accept-mentorship.js'
export * from './drive-reactions.js'
export * from './policy-handlers.js'
