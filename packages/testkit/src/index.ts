export * from './arbitraries/shared.js'
export * from './decider-spec.js'
