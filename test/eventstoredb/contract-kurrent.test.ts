// The contract suite on the adapter through @kurrent/kurrentdb-client 1.x, the server in a process of its own
// (clients.ts says why; contract.test.ts: the 6.x client).
import { kurrentDbClient } from './clients.js'
import { contractSuite } from './contract-suite.js'

contractSuite(kurrentDbClient)
