// The maximum append size through the adapter on @kurrent/kurrentdb-client 1.x, the server in a process of its own.
import { appendSizeSuite } from './append-size-suite.js'
import { kurrentDbClient } from './clients.js'

appendSizeSuite(kurrentDbClient)
