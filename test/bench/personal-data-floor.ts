// The floor of the personal-data benchmark: the smallest program with the guarantees Pembina's sealing gives, written
// outside the library with better-sqlite3 and node:crypto, beside the same program without personal data. It tells
// what sealing and opening must cost on this machine whatever the library does:
//   - the events file and the key store file apart, each with the store's WAL and synchronous settings;
//   - a subject's key row committed in the key store file before the event that needs it is committed;
//   - AES-256-GCM with a fresh 12-byte IV per field, the key looked up (not cached) for every command that seals;
//   - an erased subject (no key row) is neither sealed for nor opened;
//   - a complaint's fields opened in one go: the key read, each field decrypted and its tag checked, one log row per
//     field committed in one transaction of the key store file, and only then the clear texts returned.
// Per command, in one BEGIN IMMEDIATE transaction of the events file: read the stream's rows and JSON.parse them, check
// the next revision, (seal, the subject taken from the filing read), insert the event, COMMIT. No decoding, hashing,
// metadata building beyond a small JSON object, or idempotency.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto'
import { openBaselineEventsFile } from './baseline-events-file.js'
import { configureLikeStore, openDatabase, type SyncMode } from './better-sqlite3.js'
import {
  type ComplaintTexts,
  commandsPerComplaint,
  complaintIdOf,
  showingAccess,
  standInEnvelope,
  subjectOf,
  textsOf,
} from './complaint-workload.js'
import { secondsSince } from './measure.js'

/** An envelope as the floor writes it: the library's shape. */
interface Envelope {
  readonly subjectId: string
  readonly keyId: string
  readonly algorithm: 'AES-256-GCM'
  readonly ciphertext: string
}

/** What one floor run did: commands written, and the seconds of the writes and of the openings. */
export interface FloorRun {
  readonly commands: number
  readonly writeSeconds: number
  readonly openSeconds: number
  readonly openings: number
}

const fieldNames = ['complainant', 'contact', 'description', 'followUp', 'decision', 'comment'] as const
type FieldName = (typeof fieldNames)[number]

/** The personal field each step writes, by the name of the text it seals. */
const fieldsOfStep: Readonly<Record<number, readonly FieldName[]>> = {
  0: ['complainant', 'contact', 'description'],
  3: ['followUp'],
  4: ['decision'],
  6: ['comment'],
}

const eventTypes = [
  'ComplaintFiled',
  'ComplaintVerified',
  'ComplaintDisposed',
  'FollowUpRecorded',
  'ComplaintDecided',
  'ComplainantNotified',
  'SatisfactionRated',
  'ComplaintClosed',
] as const

const keySchema = `
  CREATE TABLE IF NOT EXISTS subject_keys (subject_id TEXT NOT NULL PRIMARY KEY, key_id TEXT NOT NULL, key BLOB NOT NULL);
  CREATE TABLE IF NOT EXISTS erased_subjects (subject_id TEXT NOT NULL PRIMARY KEY, erased_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS field_openings (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, subject_id TEXT NOT NULL, key_id TEXT NOT NULL,
    field TEXT NOT NULL, who TEXT NOT NULL, purpose TEXT NOT NULL, outcome TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS field_openings_subject ON field_openings (subject_id, seq);
`

const sealText = (key: Buffer, subjectId: string, keyId: string, clear: string): Envelope => {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()])
  return {
    subjectId,
    keyId,
    algorithm: 'AES-256-GCM',
    ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
  }
}

const openText = (key: Buffer, ciphertext: string): string | null => {
  const bytes = Buffer.from(ciphertext, 'base64')
  if (bytes.length < 28) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
    decipher.setAuthTag(bytes.subarray(12, 28))
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

/** The event data a step writes: the command's fields, the envelopes given, and when. */
const eventData = (
  index: number,
  step: number,
  fields: Partial<Record<FieldName, Envelope>>,
): Record<string, unknown> => {
  const complaintId = complaintIdOf(index)
  const at = `2026-03-${String(2 + step).padStart(2, '0')}T09:00:00+07:00`
  switch (step) {
    case 0:
      return {
        at,
        complaintId,
        trackingId: `BLW-2026-${String(index).padStart(6, '0')}`,
        unit: 'Puskesmas Belawan',
        category: 'pengaduan',
        description: fields.description,
        serviceDate: '2026-03-01',
        channel: 'web',
        anonymous: false,
        confidential: false,
        complainant: fields.complainant,
        contact: fields.contact,
        receivedAt: at,
      }
    case 3:
      return { at, complaintId, followUpId: 'tl-1', officerNip: showingAccess.who, text: fields.followUp }
    case 4:
      return { at, complaintId, officerNip: showingAccess.who, decision: fields.decision, upheld: true }
    case 6:
      return { at, complaintId, officerNip: showingAccess.who, rating: 4, comment: fields.comment }
    default:
      return { at, complaintId }
  }
}

const metadataOf = (index: number, step: number): string =>
  JSON.stringify({ commandId: `${complaintIdOf(index)}/${step}`, actor: 'bench', schemaVersion: 2 })

/**
 * Writes `complaints` complaints' lifecycles, command `step` of every complaint then `step + 1`: with
 * `personalData`, sealing each personal field for the complaint's subject under a key committed to the key store
 * first, then opening every complaint's six fields once, logged; without, the same events with stand-in envelopes
 * made up front, and no key store.
 */
export const runFloor = async (
  prefix: string,
  mode: SyncMode,
  complaints: number,
  personalData: boolean,
): Promise<FloorRun> => {
  const events = await openBaselineEventsFile(`${prefix}-events.db`, mode)
  const keysDb = personalData ? openDatabase(`${prefix}-keys.db`) : undefined
  if (keysDb !== undefined) {
    configureLikeStore(keysDb, mode)
    keysDb.pragma('secure_delete = ON')
    keysDb.exec(keySchema)
  }
  const standIns: readonly Partial<Record<FieldName, Envelope>>[] = personalData
    ? []
    : Array.from({ length: complaints }, (_, index) => {
        const texts = textsOf(index)
        return Object.fromEntries(fieldNames.map(name => [name, standInEnvelope(subjectOf(index), texts[name])]))
      })
  const written: Partial<Record<FieldName, Envelope>>[] = Array.from({ length: complaints }, () => ({}))
  const erasedOf = keysDb?.prepare<{ erased_at: string }>('SELECT erased_at FROM erased_subjects WHERE subject_id = ?')
  const insertKey = keysDb?.prepare('INSERT INTO subject_keys (subject_id, key_id, key) VALUES (?, ?, ?)')
  const keyOf = keysDb?.prepare<{ key_id: string; key: Buffer }>(
    'SELECT key_id, key FROM subject_keys WHERE subject_id = ?',
  )
  const insertOpening = keysDb?.prepare(
    'INSERT INTO field_openings (at, subject_id, key_id, field, who, purpose, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const inKeyTransaction = (write: () => void): void => {
    keysDb?.exec('BEGIN IMMEDIATE')
    try {
      write()
      keysDb?.exec('COMMIT')
    } catch (error) {
      keysDb?.exec('ROLLBACK')
      throw error
    }
  }

  const writeStart = performance.now()
  for (let step = 0; step < commandsPerComplaint; step++)
    for (let index = 0; index < complaints; index++) {
      const streamName = `complaint-${complaintIdOf(index)}`
      const names = fieldsOfStep[step] ?? []
      // A new subject's key is durable in the key store before the event that needs it is written.
      if (personalData && step === 0)
        inKeyTransaction(() => {
          const subjectId = subjectOf(index)
          if (erasedOf?.get(subjectId) !== undefined) throw new Error(`${subjectId} was erased`)
          insertKey?.run(subjectId, `${subjectId}#1`, randomBytes(32))
        })
      events.inTransaction(() => {
        let head = -1
        let subjectId: string | undefined
        for (const row of events.readStream(streamName)) {
          const data: unknown = JSON.parse(row.data)
          if (JSON.parse(row.metadata) === null) throw new Error(`${streamName}: no metadata`)
          if (row.revision === 0 && typeof data === 'object' && data !== null && 'description' in data) {
            const description: unknown = data.description
            if (typeof description === 'object' && description !== null && 'subjectId' in description)
              subjectId = String(description.subjectId)
          }
          head = row.revision
        }
        if (head + 1 !== step) throw new Error(`${streamName}: unexpected revision ${head}`)
        let fields: Partial<Record<FieldName, Envelope>> = standIns[index] ?? {}
        if (personalData && names.length > 0) {
          const subject = step === 0 ? subjectOf(index) : subjectId
          if (subject === undefined) throw new Error(`${streamName}: no data subject`)
          const key = keyOf?.get(subject)
          if (key === undefined) throw new Error(`${subject}: no key (erased)`)
          const texts = textsOf(index)
          const sealed = Object.fromEntries(
            names.map(name => [name, sealText(key.key, subject, key.key_id, texts[name])]),
          )
          Object.assign(written[index] ?? {}, sealed)
          fields = sealed
        }
        const data = JSON.stringify(eventData(index, step, fields))
        events.insert(
          streamName,
          step,
          randomUUID(),
          eventTypes[step] ?? 'ComplaintClosed',
          data,
          metadataOf(index, step),
        )
      })
    }
  const writeSeconds = secondsSince(writeStart)

  let openings = 0
  const opened: (Partial<ComplaintTexts> | undefined)[] = []
  const openStart = performance.now()
  if (personalData)
    for (let index = 0; index < complaints; index++) {
      const fields = written[index] ?? {}
      const subjectId = subjectOf(index)
      const key = keyOf?.get(subjectId)
      const clear: Partial<Record<FieldName, string>> = {}
      const outcomes: [FieldName, Envelope, 'opened' | 'erased' | 'refused'][] = []
      for (const name of fieldNames) {
        const envelope = fields[name]
        if (envelope === undefined) continue
        const text = key === undefined || key.key_id !== envelope.keyId ? null : openText(key.key, envelope.ciphertext)
        if (text !== null) clear[name] = text
        outcomes.push([name, envelope, key === undefined ? 'erased' : text === null ? 'refused' : 'opened'])
      }
      // Every opening is durable in the log before any clear text is returned.
      inKeyTransaction(() => {
        for (const [name, envelope, outcome] of outcomes)
          insertOpening?.run(
            showingAccess.at,
            subjectId,
            envelope.keyId,
            name,
            showingAccess.who,
            showingAccess.purpose,
            outcome,
          )
      })
      openings += outcomes.length
      opened.push(clear)
    }
  const openSeconds = secondsSince(openStart)
  events.close()
  keysDb?.close()
  opened.forEach((clear, index) => {
    const texts = textsOf(index)
    for (const name of fieldNames)
      if (clear?.[name] !== texts[name]) throw new Error(`the floor opened ${name} of ${complaintIdOf(index)} wrong`)
  })
  return { commands: complaints * commandsPerComplaint, writeSeconds, openSeconds, openings }
}
