// The adapter while the server goes away, through @eventstore/db-client 6.x (faults-kurrent.test.ts: 1.x).
import { eventStoreDbClient } from './clients.js'
import { faultsSuite } from './faults-suite.js'

faultsSuite(eventStoreDbClient)
