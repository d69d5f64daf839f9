// The EventStoreDB gRPC test double: test code only, never a store.
export { startEsdbTestServer, type EsdbTestServer } from './server.js'
