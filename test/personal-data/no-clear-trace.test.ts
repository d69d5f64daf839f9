// Personal data leaves no trace in clear where the history goes: after complaints are filed in clear, with a
// complainant's name, NIK, phone and a description of their health, through the sealing handler, and followed up and
// answered, neither the event store's file and WAL, the read models' file, an export, the audit's HTML and CSV report,
// nor the key store's file holds any of them, in UTF-8, base64 or hex.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type Actor,
  commandHandler,
  complaint,
  type ComplaintInput,
  complaintSealer,
  complaintSubjectFromStore,
  defaultPolicy,
  instant,
  localDate,
  nip,
  sealingHandler,
} from '@pembina/core'
import { runCli } from '@pembina/cli'
import { complaintBoardProjection, complaintCaseFileProjection, startProjector } from '@pembina/projections'
import { sqliteEventStore, sqliteKeyStore, sqliteReadModelStore } from '@pembina/sqlite'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'

// Three complainants of a puskesmas, with what identifies them.
const people = [
  {
    subjectId: 'warga-0042',
    name: 'Siti Aminah Lubis',
    nik: '1271015506900003',
    phone: '081260001234',
    description: 'Anak saya demam berdarah, ditolak di IGD karena kartu BPJS belum aktif.',
  },
  {
    subjectId: 'warga-0043',
    name: 'Rahmat Hidayat Nasution',
    nik: '1271011203850007',
    phone: '081370005678',
    description: 'Hasil tes HIV saya dibacakan keras-keras di ruang tunggu.',
  },
  {
    subjectId: 'warga-0044',
    name: 'Dewi Sartika Siregar',
    nik: '1271016608920002',
    phone: '082160009012',
    description: 'Obat insulin ibu saya tidak tersedia selama dua minggu.',
  },
] as const
const desk: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'admin-pengaduan'] }
const officerNip = nip('197505122001121002')
const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
// The unit's follow-up and answer repeat what the complainant said: they are sealed for the complainant too.
const followUpOf = (person: (typeof people)[number]): string => `Menindaklanjuti ${person.name}: ${person.description}`
const answerOf = (person: (typeof people)[number]): string => `Kepada ${person.name} (HP ${person.phone}): diterima.`

/** Every form a value could be found in: as text, and as the base64 and hex of its bytes. */
const formsOf = (value: string): readonly Buffer[] => {
  const bytes = Buffer.from(value, 'utf8')
  return [bytes, Buffer.from(bytes.toString('base64')), Buffer.from(bytes.toString('hex'))]
}

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-no-trace-')
})
afterEach(() => {
  dir.remove()
})

describe('personal data in clear, nowhere', { timeout: 120_000 }, () => {
  it('is found in no file the history goes to: events, WAL, read models, export, audit report, keys', async () => {
    const events = dir.file('events.db')
    const store = sqliteEventStore({ path: events })
    const keys = sqliteKeyStore({ path: dir.file('keys.db') })
    const handler = sealingHandler(
      commandHandler({ store, aggregate: complaint, config: defaultPolicy }),
      complaintSealer(keys, complaintSubjectFromStore(store)),
      (input: ComplaintInput) => complaint.streamName(input.data.complaintId),
    )
    for (const [i, person] of people.entries()) {
      const complaintId = `blw-2026-00000${i + 1}`
      const at = (day: number): ReturnType<typeof instant> =>
        instant(`2026-03-${String(day + i).padStart(2, '0')}T09:00:00+07:00`)
      const inputs: readonly ComplaintInput[] = [
        {
          type: 'FileComplaint',
          at: at(2),
          actor: { kind: 'citizen', subjectId: person.subjectId },
          data: {
            complaintId,
            trackingId: `BLW-2026-00000${i + 1}`,
            unit: 'Puskesmas Belawan',
            category: 'pengaduan',
            description: person.description,
            serviceDate: localDate('2026-03-01'),
            channel: 'web',
            anonymous: false,
            confidential: false,
            complainant: person.name,
            contact: `NIK ${person.nik}, HP ${person.phone}`,
          },
        },
        { type: 'VerifyComplaint', at: at(3), actor: desk, data: { complaintId } },
        {
          type: 'DisposeComplaint',
          at: at(3),
          actor: desk,
          data: { complaintId, unit: 'Puskesmas Belawan', officerNip },
        },
        {
          type: 'RecordFollowUp',
          at: at(4),
          actor: officer,
          data: { complaintId, followUpId: 'tl-1', text: followUpOf(person) },
        },
        {
          type: 'DecideComplaint',
          at: at(5),
          actor: officer,
          data: { complaintId, decision: answerOf(person), upheld: true },
        },
      ]
      for (const [k, input] of inputs.entries()) {
        const handled = await handler.handle(input, { commandId: `c-${i}-${k}` })()
        expect(E.isRight(handled)).toBe(true)
      }
    }
    keys.close()
    const readModels = sqliteReadModelStore({ path: dir.file('read-models.db') })
    await startProjector({ events: store, readModels, projection: complaintBoardProjection, live: false }).done
    // The case file keeps the identity and every text of a complaint: as envelopes only.
    await startProjector({ events: store, readModels, projection: complaintCaseFileProjection, live: false }).done
    await readModels.close()
    await store.close()
    const io = { out: () => undefined, err: () => undefined }
    expect(await runCli(['export', '--store', `sqlite:${events}`, '--to', dir.file('export.jsonl')], io)).toBe(0)
    const audited = await runCli(
      ['audit', '--store', `sqlite:${events}`, '--html', dir.file('audit.html'), '--csv', dir.file('audit-csv')],
      io,
    )
    expect(audited).toBe(0)

    const files = readdirSync(dir.path).flatMap(name => {
      const path = join(dir.path, name)
      return name === 'audit-csv'
        ? readdirSync(path).map(inner => [join(path, inner), readFileSync(join(path, inner))] as const)
        : [[path, readFileSync(path)] as const]
    })
    // The files the history went to are all there, the WAL of the event store among them if SQLite kept one.
    expect(files.map(([path]) => path.split('/').pop())).toEqual(
      expect.arrayContaining(['events.db', 'read-models.db', 'keys.db', 'export.jsonl', 'audit.html']),
    )
    const found = files.flatMap(([path, bytes]) =>
      people.flatMap(person =>
        [person.name, person.nik, person.phone, person.description, followUpOf(person), answerOf(person)].flatMap(
          secret => (formsOf(secret).some(form => bytes.includes(form)) ? [`${secret} in ${path}`] : []),
        ),
      ),
    )
    expect(found).toEqual([])
    // The check finds what is there: the unit's name, in clear in the events, is found the same way.
    const eventBytes = files.find(([path]) => path.endsWith('events.db'))?.[1] ?? Buffer.alloc(0)
    expect(formsOf('Puskesmas Belawan').some(form => eventBytes.includes(form))).toBe(true)
  })
})
