// A small service as a user writes it against the installed packages: it decodes a request with its own io-ts codec
// and Pembina's decodeWith, handles a command on a SQLite file (or on EventStoreDB, given a connection string), reads
// the stream back, verifies its hash chain and projects the offering's roster into SQLite. install.test.ts compiles
// it in a fresh npm project and runs it with plain node.
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  commandHandler,
  decodeWith,
  enrollment,
  type EventStore,
  formatHandleFailure,
  policyConfig,
  verifyChain,
} from '@pembina/core'
import { eventStoreDbEventStore } from '@pembina/eventstoredb'
import { offeringRoster, offeringRosterProjection, startProjector } from '@pembina/projections'
import { sqliteEventStore, sqliteReadModelStore } from '@pembina/sqlite'

// The service's own codec: it must compose with Pembina's, which holds only when both see one copy of io-ts.
const OpenRequest = t.type({ offeringId: t.string, capacity: t.number })

const [dataDir, connectionString] = process.argv.slice(2)
if (dataDir === undefined) throw new Error('usage: node service.js DATA_DIR [ESDB_CONNECTION_STRING]')
const path = join(dataDir, 'pembina.sqlite')

const request = decodeWith(OpenRequest)({ offeringId: 'pmwp-2026-ii', capacity: 30 })
if (E.isLeft(request)) throw new Error('the request decodes')

const command = decodeWith(enrollment.commands)({
  type: 'OpenOffering',
  at: '2026-02-02T09:00:00+07:00',
  actor: { kind: 'asn', nip: '196608011988031001', roles: ['asn', 'pyb'] },
  data: {
    offeringId: request.right.offeringId,
    title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
    provider: 'BKPSDM Kota Medan',
    venue: 'Aula BKPSDM Kota Medan',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.04' },
    jp: 24,
    capacity: request.right.capacity,
    schedule: { start: '2026-03-03', end: '2026-03-05' },
  },
})
if (E.isLeft(command)) throw new Error('the command decodes')

const store: EventStore =
  connectionString === undefined ? sqliteEventStore({ path }) : eventStoreDbEventStore({ connectionString })
const config = policyConfig({ minimumAttendance: 0.75 })
const handler = commandHandler({ store, aggregate: enrollment, config })
const commandId = 'c9a1f0e2-3b4d-4c5e-8f60-718293a4b5c6'
const first = await handler.handle(command.right, { commandId })()
if (E.isLeft(first)) throw new Error(formatHandleFailure(first.left))
const again = await handler.handle(command.right, { commandId })()
if (E.isLeft(again)) throw new Error(formatHandleFailure(again.left))

const stream = enrollment.streamName(request.right.offeringId)
const stored: string[] = []
for await (const record of store.readStream(stream)) if (record.kind === 'event') stored.push(record.type)
const verdict = await verifyChain(store.readStream(stream))

const readModels = sqliteReadModelStore({ path })
const projector = startProjector({ events: store, readModels, projection: offeringRosterProjection, live: false })
await projector.done // not live: it ends once the stored history is projected
const roster = await offeringRoster(readModels, request.right.offeringId)
await readModels.close()
await store.close()

console.log(
  JSON.stringify({
    written: first.right.written,
    writtenAgain: again.right.written,
    stored,
    chainValid: verdict.valid,
    roster: roster === undefined ? null : { status: roster.status, placesLeft: roster.placesLeft },
  }),
)
