// Personal data leaves no trace in clear where the history goes: after complaints are filed with a complainant's
// name, NIK and phone sealed under their keys, neither the event store's file and WAL, the read models' file, an
// export, the audit's HTML and CSV report, nor the key store's file holds them, in UTF-8, base64 or hex.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type ComplaintCommand,
  commandHandler,
  complaint,
  defaultPolicy,
  instant,
  localDate,
  seal,
} from '@pembina/core'
import { runCli } from '@pembina/cli'
import { complaintBoardProjection, startProjector } from '@pembina/projections'
import { sqliteEventStore, sqliteKeyStore, sqliteReadModelStore } from '@pembina/sqlite'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'

// Three complainants of a puskesmas, with what identifies them.
const people = [
  { subjectId: 'warga-0042', name: 'Siti Aminah Lubis', nik: '1271015506900003', phone: '081260001234' },
  { subjectId: 'warga-0043', name: 'Rahmat Hidayat Nasution', nik: '1271011203850007', phone: '081370005678' },
  { subjectId: 'warga-0044', name: 'Dewi Sartika Siregar', nik: '1271016608920002', phone: '082160009012' },
] as const

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
    const handler = commandHandler({ store, aggregate: complaint, config: defaultPolicy })
    for (const [i, person] of people.entries()) {
      const complainant = await seal(keys, person.subjectId, person.name)()
      const contact = await seal(keys, person.subjectId, `NIK ${person.nik}, HP ${person.phone}`)()
      if (E.isLeft(complainant) || E.isLeft(contact)) throw new Error('sealing failed')
      const filing: ComplaintCommand = {
        type: 'FileComplaint',
        at: instant(`2026-03-0${i + 2}T09:00:00+07:00`),
        actor: { kind: 'citizen', subjectId: person.subjectId },
        data: {
          complaintId: `blw-2026-00000${i + 1}`,
          trackingId: `BLW-2026-00000${i + 1}`,
          unit: 'Puskesmas Belawan',
          category: 'pengaduan',
          description: 'Antrean di loket pendaftaran lebih dari tiga jam.',
          serviceDate: localDate('2026-03-01'),
          channel: 'web',
          anonymous: false,
          confidential: false,
          complainant: complainant.right,
          contact: contact.right,
        },
      }
      const filed = await handler.handle(filing, { commandId: `file-${i}` })()
      expect(E.isRight(filed)).toBe(true)
    }
    keys.close()
    const readModels = sqliteReadModelStore({ path: dir.file('read-models.db') })
    await startProjector({ events: store, readModels, projection: complaintBoardProjection, live: false }).done
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
        [person.name, person.nik, person.phone].flatMap(secret =>
          formsOf(secret).some(form => bytes.includes(form)) ? [`${secret} in ${path}`] : [],
        ),
      ),
    )
    expect(found).toEqual([])
    // The check finds what is there: the unit's name, in clear in the events, is found the same way.
    const eventBytes = files.find(([path]) => path.endsWith('events.db'))?.[1] ?? Buffer.alloc(0)
    expect(formsOf('Puskesmas Belawan').some(form => eventBytes.includes(form))).toBe(true)
  })
})
