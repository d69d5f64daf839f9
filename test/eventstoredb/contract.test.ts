// The contract suite on the adapter through @eventstore/db-client 6.x (contract-kurrent.test.ts: the 1.x client).
import { eventStoreDbClient } from './clients.js'
import { contractSuite } from './contract-suite.js'

contractSuite(eventStoreDbClient)
