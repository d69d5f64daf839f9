// The maximum append size through the adapter on @eventstore/db-client 6.x (append-size-kurrent.test.ts: 1.x).
import { appendSizeSuite } from './append-size-suite.js'
import { eventStoreDbClient } from './clients.js'

appendSizeSuite(eventStoreDbClient)
