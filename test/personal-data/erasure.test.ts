// Erasing a data subject, end to end (issue 18): complaints are handled through the complaint command handler on an
// SQLite event store with their personal fields sealed in an SQLite key store; some fields are opened (and logged);
// then the complainant is erased, and so is a nurse whose NIK and phone the personnel registry holds sealed. From then
// on no API gives their fields back in clear, and no copy of a key is left in the key store's file; yet replay (core's
// and the CLI's), the standard read models rebuilt from the history (the personnel directory keeps envelopes), the
// audit (core's and the CLI's report in text, JSON, HTML and CSV) and the export all still work and show the fields as
// erased, the hash chains verify, and the decryption log still lists every opening made before.
import { existsSync, readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type Actor,
  asnSubjectId,
  type ComplaintCommand,
  commandHandler,
  complaint,
  defaultPolicy,
  envelopesIn,
  eraseSubject,
  instant,
  isPersonalDataMarker,
  localDate,
  markPersonalData,
  nip,
  openField,
  type PersonalData,
  personnel,
  type ReplayedStream,
  replay,
  runAudit,
  seal,
  stateAsOf,
} from '@pembina/core'
import {
  asnRecord,
  competencyGapsProjection,
  complaintBoardProjection,
  type JsonValue,
  learningHoursProjection,
  mentorLoadProjection,
  offeringRosterProjection,
  personnelDirectoryProjection,
  type Projection,
  rebuild,
  standardReadModels,
} from '@pembina/projections'
import { sqliteEventStore, sqliteKeyStore, sqliteReadModelStore } from '@pembina/sqlite'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { installTimeoutMs, pembinaBinary, runPembina } from '../cli/run-pembina.js'

// Two complainants of a puskesmas: the first asks to be erased, the second does not.
const people = [
  {
    subjectId: 'warga-0042',
    complaintId: 'blw-2026-000001',
    name: 'Siti Aminah Lubis',
    contact: 'NIK 1271015506900003, HP 081260001234',
    description: 'Anak saya demam berdarah, ditolak di IGD karena kartu BPJS belum aktif.',
  },
  {
    subjectId: 'warga-0043',
    complaintId: 'blw-2026-000002',
    name: 'Rahmat Hidayat Nasution',
    contact: 'NIK 1271011203850007, HP 081370005678',
    description: 'Hasil tes laboratorium saya dibacakan keras-keras di ruang tunggu.',
  },
] as const
const [erased, kept] = people
const desk: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'admin-pengaduan'] }
const officerNip = nip('197505122001121002')
const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
const pyb: Actor = { kind: 'asn', nip: nip('196805121990032001'), roles: ['asn', 'pyb'] }
// A nurse of the puskesmas whose NIK and phone the registry holds, sealed for her: the personnel directory keeps the
// envelopes, so a read model holds personal data too. She left, and is erased as well.
const nurse = nip('199203152019032004')
const nurseSubject = asnSubjectId(nurse)
const erasedAt = '2026-04-01T10:00:00+07:00'
const access = (at: string, purpose: string) => ({ who: '196608011988031001', purpose, at })

/** Every form a value could be found in: as text, and as the base64 and hex of its bytes. */
const formsOf = (value: string | Uint8Array): readonly Buffer[] => {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value)
  return [bytes, Buffer.from(bytes.toString('base64')), Buffer.from(bytes.toString('hex'))]
}

/** The markers in a value, by the subject they are of. */
const markersIn = (value: unknown): readonly { readonly subjectId: string; readonly status: string }[] => {
  const found: { subjectId: string; status: string }[] = []
  const walk = (u: unknown): void => {
    if (isPersonalDataMarker(u)) found.push({ subjectId: u.subjectId, status: u.status })
    else if (Array.isArray(u)) u.forEach(walk)
    else if (typeof u === 'object' && u !== null) Object.values(u).forEach(walk)
  }
  walk(value)
  return found
}

// The CLI runs as a user has it: the binary npm installed from the packed packages, in a process of its own.
beforeAll(pembinaBinary, installTimeoutMs)

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-erasure-')
})
afterEach(() => {
  dir.remove()
})

describe('erasing a data subject', { timeout: 240_000 }, () => {
  it('leaves no API that recovers their fields, and every reading of the history marks them erased', async () => {
    const events = dir.file('events.db')
    const keysFile = dir.file('keys.db')
    const store = sqliteEventStore({ path: events })
    const keys = sqliteKeyStore({ path: keysFile })
    const handler = commandHandler({ store, aggregate: complaint, config: defaultPolicy })
    const sealed = async (subjectId: string, text: string): Promise<PersonalData> => {
      const envelope = await seal(keys, subjectId, text)()
      if (E.isLeft(envelope)) throw new Error(`sealing for ${subjectId} failed`)
      return envelope.right
    }

    // Each complaint filed, verified, disposed, followed up and decided; every text sealed for its complainant.
    const envelopes = new Map<string, Record<string, PersonalData>>()
    for (const [i, person] of people.entries()) {
      const { complaintId, subjectId } = person
      const at = (day: number) => instant(`2026-03-${String(day + i).padStart(2, '0')}T09:00:00+07:00`)
      const fields = {
        complainant: await sealed(subjectId, person.name),
        contact: await sealed(subjectId, person.contact),
        description: await sealed(subjectId, person.description),
        followUp: await sealed(subjectId, `Menindaklanjuti ${person.name}: ${person.description}`),
        decision: await sealed(subjectId, `Kepada ${person.name}: pengaduan diterima.`),
      }
      envelopes.set(subjectId, fields)
      const commands: readonly ComplaintCommand[] = [
        {
          type: 'FileComplaint',
          at: at(2),
          actor: { kind: 'citizen', subjectId },
          data: {
            complaintId,
            trackingId: complaintId.toUpperCase(),
            unit: 'Puskesmas Belawan',
            category: 'pengaduan',
            description: fields.description,
            serviceDate: localDate('2026-03-01'),
            channel: 'web',
            anonymous: false,
            confidential: false,
            complainant: fields.complainant,
            contact: fields.contact,
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
          data: { complaintId, followUpId: 'tl-1', text: fields.followUp },
        },
        {
          type: 'DecideComplaint',
          at: at(5),
          actor: officer,
          data: { complaintId, decision: fields.decision, upheld: true },
        },
      ]
      for (const [k, command] of commands.entries()) {
        const handled = await handler.handle(command, { commandId: `c-${i}-${k}` })()
        expect(handled, `${complaintId} ${command.type}`).toMatchObject(E.right({}))
      }
    }
    const nurseFields = {
      nik: await sealed(nurseSubject, '1271015203920001'),
      phone: await sealed(nurseSubject, '081361234567'),
    }
    envelopes.set(nurseSubject, nurseFields)
    const appointed = await commandHandler({ store, aggregate: personnel, config: defaultPolicy }).handle(
      {
        type: 'AppointAsn',
        at: instant('2026-01-05T09:00:00+07:00'),
        actor: pyb,
        data: {
          nip: nurse,
          employeeType: 'PNS',
          rank: 'III/a',
          unitId: 'puskesmas-belawan',
          positionId: 'perawat',
          effectiveOn: localDate('2015-03-01'),
          ...nurseFields,
        },
      },
      { commandId: 'appoint-nurse' },
    )()
    expect(appointed).toMatchObject(E.right({}))
    const erasedFields = envelopes.get(erased.subjectId) ?? {}
    const keptFields = envelopes.get(kept.subjectId) ?? {}

    // Fields opened before the erasure: each opening logged, with who, why and when.
    const before = [
      { field: 'complainant', envelope: erasedFields['complainant'], at: '2026-03-03T10:00:00+07:00' },
      { field: 'contact', envelope: erasedFields['contact'], at: '2026-03-04T10:00:00+07:00' },
      { field: 'description', envelope: erasedFields['description'], at: '2026-03-05T10:00:00+07:00' },
    ]
    for (const opening of before)
      expect(
        await openField(keys, opening.field, opening.envelope, access(opening.at, 'menindaklanjuti pengaduan'))(),
      ).toMatchObject(E.right({ kind: 'clear' }))
    expect(
      await openField(
        keys,
        'complainant',
        keptFields['complainant'],
        access('2026-03-05T11:00:00+07:00', 'menindaklanjuti pengaduan'),
      )(),
    ).toEqual(E.right({ kind: 'clear', text: kept.name }))
    const keyBytesOf = async (subjectId: string): Promise<Uint8Array> => {
      const key = await keys.keyFor(subjectId)()
      if (E.isLeft(key) || key.right === 'erased') throw new Error(`the key of ${subjectId} is not there`)
      return Uint8Array.from(key.right.key)
    }
    const erasedKeys = [await keyBytesOf(erased.subjectId), await keyBytesOf(nurseSubject)]

    // An audit before the erasure: clean, and its head file keeps every stream's head.
    const pembina = (...args: readonly string[]) => runPembina(dir.path, args)
    const first = await pembina('audit', '--store', `sqlite:${events}`, '--heads', 'heads.json', '--strict')
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(await pembina('export', '--store', `sqlite:${events}`, '--to', 'before.jsonl')).toMatchObject({ code: 0 })

    // The erasure.
    expect(await eraseSubject(keys, erased.subjectId, erasedAt)()).toEqual(E.right({ keys: 1 }))
    expect(await eraseSubject(keys, nurseSubject, erasedAt)()).toEqual(E.right({ keys: 1 }))

    // No API gives the fields back: every opening says erased (a value, not an exception), no key is handed out,
    // nothing new is sealed for the subject; the other complainant's fields still open.
    const after = access('2026-04-02T09:00:00+07:00', 'permintaan informasi')
    for (const [field, envelope] of Object.entries(erasedFields))
      expect(await openField(keys, field, envelope, after)()).toEqual(
        E.right({ kind: 'erased', subjectId: erased.subjectId, erasedAt }),
      )
    expect(await openField(keys, 'contact', keptFields['contact'], after)()).toEqual(
      E.right({ kind: 'clear', text: kept.contact }),
    )
    expect(await keys.keyFor(erased.subjectId)()).toEqual(E.right('erased'))
    expect(await keys.lookup(erased.subjectId, erasedFields['complainant']?.keyId ?? '')()).toEqual(
      E.right({ kind: 'erased', subjectId: erased.subjectId, erasedAt }),
    )
    expect(await seal(keys, erased.subjectId, erased.name)()).toEqual(
      E.left({ _tag: 'SubjectErased', subjectId: erased.subjectId }),
    )

    // The decryption log still lists every opening made before the erasure, then the ones that found it erased.
    const log = await keys.openings({ subjectId: erased.subjectId })()
    if (E.isLeft(log)) throw new Error('the decryption log cannot be read')
    expect(log.right.slice(0, before.length)).toEqual(
      before.map(opening => ({
        at: opening.at,
        subjectId: erased.subjectId,
        keyId: opening.envelope?.keyId,
        field: opening.field,
        who: '196608011988031001',
        purpose: 'menindaklanjuti pengaduan',
        outcome: 'opened',
      })),
    )
    expect(log.right.slice(before.length).map(opening => opening.outcome)).toEqual(
      Object.keys(erasedFields).map(() => 'erased'),
    )

    // Core's replay, of the whole store and as of an instant: it works, and marks the fields erased.
    const streams: ReplayedStream[] = []
    for await (const stream of replay(store, { config: defaultPolicy })) streams.push(stream)
    expect(streams.map(stream => [stream.streamName, stream.events, stream.unreadable])).toEqual([
      [personnel.streamName(nurse), 1, undefined],
      [complaint.streamName(erased.complaintId), 5, undefined],
      [complaint.streamName(kept.complaintId), 5, undefined],
    ])
    const replayed = await markPersonalData(keys, streams)()
    if (E.isLeft(replayed)) throw new Error('marking failed')
    const replayedMarkers = markersIn(replayed.right)
    expect(replayedMarkers.length).toBeGreaterThan(0)
    expect(new Set(replayedMarkers.map(({ subjectId, status }) => `${subjectId} ${status}`))).toEqual(
      new Set([`${nurseSubject} erased`, `${erased.subjectId} erased`, `${kept.subjectId} sealed`]),
    )
    const asOf = await stateAsOf(
      store,
      complaint,
      erased.complaintId,
      instant('2026-03-31T23:59:59+07:00'),
      defaultPolicy,
    )
    if (E.isLeft(asOf)) throw new Error('the complaint cannot be replayed')
    expect(asOf.right).toMatchObject({ exists: true, events: 5, state: { status: 'decided' } })
    const asOfMarked = await markPersonalData(keys, asOf.right.state)()
    if (E.isLeft(asOfMarked)) throw new Error('marking failed')
    expect(markersIn(asOfMarked.right).length).toBeGreaterThan(0)
    expect(markersIn(asOfMarked.right).every(marker => marker.status === 'erased')).toBe(true)
    const ciphertexts = [...envelopes.values()].flatMap(fields => Object.values(fields).map(e => e.ciphertext))
    const noCiphertext = (text: string) => ciphertexts.filter(ciphertext => text.includes(ciphertext))
    expect(
      noCiphertext(JSON.stringify(replayed.right, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : v))),
    ).toEqual([])

    // The standard read models, rebuilt from the history after the erasure: the complaints as before, and the nurse's
    // record with her NIK and phone, as envelopes that mark as erased.
    const readModels = sqliteReadModelStore({ path: dir.file('read-models.db') })
    const rebuildOne = async <Doc extends JsonValue>(projection: Projection<Doc>): Promise<void> => {
      const rebuilt = await rebuild({ events: store, readModels, projection, live: false })
      await rebuilt.projector.done
    }
    // Each of `standardReadModels`, by name: a loop over them would hand rebuild a union of their document types.
    await rebuildOne(offeringRosterProjection)
    await rebuildOne(learningHoursProjection)
    await rebuildOne(mentorLoadProjection)
    await rebuildOne(competencyGapsProjection)
    await rebuildOne(complaintBoardProjection)
    await rebuildOne(personnelDirectoryProjection)
    expect(await Promise.all(standardReadModels.map(projection => readModels.serving(projection.name)))).toEqual(
      standardReadModels.map(projection => projection.version),
    )
    const board = await readModels.list('complaint-board')
    expect(board.map(({ doc }) => doc)).toEqual([
      expect.objectContaining({ complaintId: erased.complaintId, status: 'decided' }),
      expect.objectContaining({ complaintId: kept.complaintId, status: 'decided' }),
    ])
    const documents = await Promise.all(standardReadModels.map(projection => readModels.list(projection.name)))
    // The record's NIK and phone, and again in the appointment on its timeline.
    const inReadModels = envelopesIn(documents).map(({ envelope }) => envelope)
    expect(inReadModels).toHaveLength(4)
    expect(inReadModels).toEqual(expect.arrayContaining([nurseFields.nik, nurseFields.phone]))
    const markedDocuments = await markPersonalData(keys, documents)()
    if (E.isLeft(markedDocuments)) throw new Error('marking failed')
    expect(envelopesIn(markedDocuments.right)).toEqual([])
    expect(markersIn(markedDocuments.right)).toEqual(
      inReadModels.map(() => ({ subjectId: nurseSubject, status: 'erased' })),
    )
    expect(await asnRecord(readModels, nurse)).toMatchObject({ nik: nurseFields.nik, phone: nurseFields.phone })
    await readModels.close()

    // Core's audit with the key store: no finding, and the erased subjects' fields listed.
    const audited = await runAudit(store, { config: defaultPolicy, keys })
    expect(audited.findings).toEqual([])
    expect(audited.summary.personalData).toMatchObject({
      fields: 12,
      sealed: 5,
      erased: 7,
      unknownKey: 0,
      subjects: 3,
      erasedSubjects: [
        { subjectId: nurseSubject, erasedAt },
        { subjectId: erased.subjectId, erasedAt },
      ],
    })
    expect(audited.summary.personalData?.erasedSubjects[0]?.fields.map(field => field.path)).toEqual(['nik', 'phone'])
    expect(audited.summary.personalData?.erasedSubjects[1]?.fields.map(field => field.path)).toEqual([
      'description',
      'complainant',
      'contact',
      'text',
      'decision',
    ])
    keys.close()
    await store.close()

    // No copy of an erased key is left in the key store's file (nor its WAL), in any form; no clear text in it.
    for (const file of [keysFile, `${keysFile}-wal`].filter(existsSync)) {
      const bytes = readFileSync(file)
      const found = [...erasedKeys, erased.name, '1271015203920001'].filter(secret =>
        formsOf(secret).some(form => bytes.includes(form)),
      )
      expect(found, file).toEqual([])
    }

    // The CLI's audit: history unchanged since the audit before (the chains cover the ciphertext, which stayed),
    // and a report that marks the erased fields, in text, JSON, HTML and CSV.
    const store_ = `sqlite:${events}`
    const text = await pembina('audit', '--store', store_, '--heads', 'heads.json', '--strict', '--keys', keysFile)
    expect(text.stderr).toBe('')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/no findings/)
    expect(text.stdout).toMatch(
      /personal data: 12 sealed fields of 3 data subjects \(5 with their key held, 7 erased, 0 under a key the key store does not know\); 2 subjects erased/,
    )
    expect(text.stdout).toContain(`erased ${erased.subjectId} at ${erasedAt}: 5 fields`)
    expect(text.stdout).toContain(`${complaint.streamName(erased.complaintId)} revision 0 (ComplaintFiled) complainant`)
    const json = await pembina(
      'audit',
      '--store',
      store_,
      '--keys',
      keysFile,
      '--json',
      '--html',
      'audit.html',
      '--csv',
      'audit-csv',
      '--year',
      '2026',
    )
    expect(json.code).toBe(0)
    const report: unknown = JSON.parse(json.stdout)
    expect(report).toMatchObject({
      findings: [],
      personalData: {
        fields: 12,
        erased: 7,
        subjects: 3,
        erasedSubjects: [{ subjectId: nurseSubject }, { subjectId: erased.subjectId, erasedAt }],
        unknownKeys: [],
      },
    })
    expect(report).toHaveProperty('personalData.erasedSubjects.1.fields.1', {
      streamName: complaint.streamName(erased.complaintId),
      revision: 0,
      position: '1',
      type: 'ComplaintFiled',
      path: 'complainant',
      subjectId: erased.subjectId,
      keyId: erasedFields['complainant']?.keyId,
    })
    const html = readFileSync(dir.file('audit.html'), 'utf8')
    expect(html).toContain('<h2>Personal data</h2>')
    expect(html).toMatch(new RegExp(`<td>${erased.subjectId}</td><td>${erasedAt.replace('+', '\\+')}</td>`))
    const csv = readFileSync(dir.file('audit-csv/personal-data.csv'), 'utf8')
    expect(csv).toMatch(/^\uFEFFsubjectId,erasedAt,keyId,stream,revision,position,type,field,status\r\n/)
    expect(csv.trim().split('\r\n')).toHaveLength(8)
    expect(csv).toContain(`${complaint.streamName(erased.complaintId)},0,`)
    // Without the key store the audit is as before: no personal-data section.
    const plain = await pembina('audit', '--store', store_, '--json')
    expect(JSON.parse(plain.stdout)).toMatchObject({ findings: [], personalData: null })

    // The CLI's replay: markers, never ciphertext; erased against the key store, only `sealed` without it.
    const stream = complaint.streamName(erased.complaintId)
    const marked = await pembina('replay', '--store', store_, '--stream', stream, '--keys', keysFile)
    expect(marked.code).toBe(0)
    expect(noCiphertext(marked.stdout)).toEqual([])
    const markers = markersIn(JSON.parse(marked.stdout))
    expect(markers.length).toBeGreaterThan(0)
    expect(markers.every(marker => marker.subjectId === erased.subjectId && marker.status === 'erased')).toBe(true)
    const unchecked = await pembina('replay', '--store', store_, '--stream', stream)
    expect(noCiphertext(unchecked.stdout)).toEqual([])
    expect(markersIn(JSON.parse(unchecked.stdout)).every(marker => marker.status === 'sealed')).toBe(true)
    const all = await pembina('replay', '--store', store_, '--json', '--keys', keysFile)
    expect(all.code).toBe(0)
    expect(noCiphertext(all.stdout)).toEqual([])
    expect(new Set(markersIn(JSON.parse(all.stdout)).map(({ subjectId, status }) => `${subjectId} ${status}`))).toEqual(
      new Set([`${nurseSubject} erased`, `${erased.subjectId} erased`, `${kept.subjectId} sealed`]),
    )

    // The CLI's export: every event byte-exact (the lines as before the erasure, but for the erased fields named
    // after the event), and an import of it gives back the same history, which audits clean.
    const exported = await pembina('export', '--store', store_, '--to', 'after.jsonl', '--keys', keysFile)
    expect(exported.code).toBe(0)
    expect(exported.stdout).toMatch(/11 events exported to after\.jsonl; 7 fields of erased subjects marked/)
    const beforeLines = readFileSync(dir.file('before.jsonl'), 'utf8').trimEnd().split('\n')
    const afterLines = readFileSync(dir.file('after.jsonl'), 'utf8').trimEnd().split('\n')
    expect(afterLines).toHaveLength(beforeLines.length)
    let markedFields = 0
    for (const [i, line] of afterLines.entries()) {
      const original = beforeLines[i] ?? ''
      const parsed = JSON.parse(line) as { readonly streamName: string; readonly erasedFields?: unknown }
      if (parsed.erasedFields === undefined) expect(line).toBe(original)
      else {
        expect([stream, personnel.streamName(nurse)]).toContain(parsed.streamName)
        expect(line.startsWith(original.slice(0, -1))).toBe(true)
        expect(line.slice(original.length - 1)).toMatch(/^,"erasedFields":\[.*\]\}$/)
        for (const field of parsed.erasedFields as readonly unknown[]) {
          expect(field).toMatchObject({
            subjectId: parsed.streamName === stream ? erased.subjectId : nurseSubject,
            erasedAt,
          })
          markedFields++
        }
      }
    }
    expect(markedFields).toBe(7)
    const imported = await pembina('import', '--from', 'after.jsonl', '--store', `sqlite:${dir.file('copy.db')}`)
    expect(imported.code).toBe(0)
    expect(await pembina('export', '--store', `sqlite:${dir.file('copy.db')}`, '--to', 'copy.jsonl')).toMatchObject({
      code: 0,
    })
    expect(readFileSync(dir.file('copy.jsonl'), 'utf8')).toBe(readFileSync(dir.file('before.jsonl'), 'utf8'))
    const copyAudit = await pembina('audit', '--store', `sqlite:${dir.file('copy.db')}`, '--strict', '--keys', keysFile)
    expect(copyAudit.code).toBe(0)
    expect(copyAudit.stdout).toMatch(/no findings/)
    // The marked export read as a store: it replays and audits as the store does.
    const fromFile = await pembina('audit', '--store', `jsonl:${dir.file('after.jsonl')}`, '--strict')
    expect(fromFile.code).toBe(0)

    // Against another key store, every field is under a key it does not know: a finding each, named where it is.
    sqliteKeyStore({ path: dir.file('other-keys.db') }).close()
    const other = await pembina('audit', '--store', store_, '--keys', dir.file('other-keys.db'), '--strict', '--json')
    expect(other.code).toBe(1)
    const otherReport: unknown = JSON.parse(other.stdout)
    expect(otherReport).toHaveProperty('findings.length', 12)
    expect(otherReport).toHaveProperty('findings.0.kind', 'unknown-key')
    expect(otherReport).toMatchObject({ personalData: { fields: 12, unknownKey: 12, erasedSubjects: [] } })
    // A key store that is not there is bad input, as for pembina openings.
    const missing = await pembina('replay', '--store', store_, '--keys', dir.file('missing.db'))
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/--keys .*missing\.db: no such key store/)

    // The CLI's decryption log: the openings made before the erasure are all still there.
    const openings = await pembina('openings', '--keys', keysFile, '--subject', erased.subjectId, '--json')
    expect(openings.code).toBe(0)
    expect(JSON.parse(openings.stdout)).toEqual(log.right)
  })
})
