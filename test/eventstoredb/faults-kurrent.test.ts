// The adapter while the server goes away, through @kurrent/kurrentdb-client 1.x, the server in a process of its own.
import { kurrentDbClient } from './clients.js'
import { faultsSuite } from './faults-suite.js'

faultsSuite(kurrentDbClient)
