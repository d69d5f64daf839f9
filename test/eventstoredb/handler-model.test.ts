import { commandHandlerModel } from '@pembina/testkit'
import { adapterForThisFile } from './adapter-fixture.js'

// On the in-process test server; the second store is another client of the same server. The adapter does not lock
// its writes, so every handler reads, then appends at the revision it read.
//
// With concurrent writers the suite finds a command handled twice at once under one id reported written by both
// handlers (EventStoreDB answers a re-append with success, and the adapter's test by position cannot tell it from a
// new write while the first append is in flight; the events are stored once), which
// `reappendsAtOnceMayReportWritten: true` accepts. (A client whose close never ended after such a run, its dispose
// waiting on reads left early, was fixed in the adapter: see close.test.ts.)
const { openStore } = adapterForThisFile()

commandHandlerModel('EventStoreDB adapter on the test server', () => openStore(), {
  openAnother: () => openStore(),
  concurrentWriters: true,
  reappendsAtOnceMayReportWritten: true,
})
