import { inMemoryEventStore } from '@pembina/core'
import { commandHandlerModel } from './command-handler-model.js'

// Every handler of a run writes to the one in-memory store: two through its locked write, two reading, then
// appending at the revision read. A run takes milliseconds here, so this store gets more runs than the default.
commandHandlerModel('in-memory', () => inMemoryEventStore(), { numRuns: 100 })
