import { createWriteStream, existsSync, readFileSync } from 'node:fs'
import { once } from 'node:events'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  decodeWith,
  envelopesIn,
  EventMetadata,
  type EventStore,
  type AppendError,
  type AppendResult,
  formatDecodeFailure,
  formatInvalidAppend,
  type KeyStore,
  personalDataMarking,
} from '@pembina/core'
import { CliError, exitCodes } from '../cli-error.js'
import { readProgress } from '../progress.js'
import { openKeys } from './personal-data.js'

/** One line of an export: an event as the store holds it, with its place. */
const ExportedEvent = t.intersection([
  t.strict({
    streamName: t.string,
    revision: t.number,
    eventId: t.string,
    type: t.string,
    data: t.unknown,
    metadata: EventMetadata,
  }),
  t.partial({ position: t.string }),
])
export type ExportedEvent = t.TypeOf<typeof ExportedEvent>

/** A sealed field of an erased subject, as a line of an export names it beside its event (`erasedFields`). */
export interface ErasedField {
  /** Where in the event's data: `complainant`, `followUps[2].text`. */
  readonly path: string
  readonly subjectId: string
  readonly keyId: string
  readonly erasedAt: string
}

// How an export marks erased fields (`--keys`). The event itself must stay byte-exact: its data and metadata are what
// its hash covers, what the chain links, and what an import appends, so the envelope stays in `data` as stored (it
// no longer opens anywhere). The mark is one more member of the line, `erasedFields`, after the event's own: the
// export's codec and `appendExported` read only the event's members, so an import (and a `jsonl:` store) ignores
// it, while a reader sees on the very line which fields are erased. Not a header line, which import would refuse as
// no event and which would shift every line number its messages name; not a file beside the export, which would
// part from it. A line with no erased field is written exactly as without `--keys`.
const erasedFieldsOf = (keys: KeyStore): ((data: unknown) => Promise<readonly ErasedField[]>) => {
  const marking = personalDataMarking(keys)
  return async data => {
    const erased: ErasedField[] = []
    for (const { path, envelope } of envelopesIn(data)) {
      const marker = await marking.status(envelope)()
      if (E.isLeft(marker)) throw new CliError(marker.left.message, exitCodes.storeFailed)
      if (marker.right.status === 'erased')
        erased.push({
          path,
          subjectId: envelope.subjectId,
          keyId: envelope.keyId,
          erasedAt: marker.right.erasedAt ?? '',
        })
    }
    return erased
  }
}

/**
 * Writes every event of the store, in global order, one JSON object a line (UTF-8): stream, revision, global position,
 * event id, type, data and metadata as stored, so an import gives back the same ids, revisions, metadata and hashes.
 * A corrupt record cannot be exported: the export stops, naming it, and the file is left incomplete. With a key store
 * (`keys`), a line whose event holds fields of erased subjects names them in `erasedFields` after the event.
 */
export const exportCommand = async (
  store: EventStore,
  options: { readonly to: string; readonly progress: boolean; readonly keys?: string },
  out: (line: string) => void,
): Promise<number> => {
  const keys = options.keys === undefined ? undefined : openKeys(options.keys)
  try {
    return await exportTo(store, options, out, keys === undefined ? undefined : erasedFieldsOf(keys))
  } finally {
    keys?.close()
  }
}

const exportTo = async (
  store: EventStore,
  options: { readonly to: string; readonly progress: boolean },
  out: (line: string) => void,
  erasedFields: ((data: unknown) => Promise<readonly ErasedField[]>) | undefined,
): Promise<number> => {
  const file = createWriteStream(options.to, { encoding: 'utf8' })
  const progress = await readProgress(store, 'exporting', options.progress)
  let events = 0
  let erasedCount = 0
  try {
    for await (const record of store.readAll()) {
      if (record.kind === 'corrupt')
        throw new CliError(
          `${record.streamName} revision ${record.revision} is corrupt (${record.reason}): it cannot be exported; ${options.to} is incomplete`,
        )
      const { streamName, revision, position, eventId, type, data, metadata } = record
      const erased = erasedFields === undefined ? [] : await erasedFields(data)
      erasedCount += erased.length
      const event = { streamName, revision, position: position.toString(), eventId, type, data, metadata }
      const line = `${JSON.stringify(erased.length === 0 ? event : { ...event, erasedFields: erased })}\n`
      if (!file.write(line)) await once(file, 'drain')
      events++
      if (events % 10_000 === 0) progress.update(events)
    }
  } finally {
    progress.stop()
    file.end()
    await once(file, 'close')
  }
  out(
    `${events} events exported to ${options.to}${erasedFields === undefined ? '' : `; ${erasedCount} fields of erased subjects marked (erasedFields)`}`,
  )
  return exitCodes.ok
}

const appendFailure = (error: AppendError): string => {
  switch (error._tag) {
    case 'ConcurrencyConflict':
      return `the stream is not where the file says (it is at ${String(error.actual)})`
    case 'StoreUnavailable':
      return `the store failed: ${error.message}`
    case 'InvalidAppend':
      return formatInvalidAppend(error)
  }
}

/** Appends one event of an export at its revision, with its id, data and metadata as they were. */
export const appendExported = (store: EventStore, event: ExportedEvent): Promise<E.Either<AppendError, AppendResult>> =>
  store.append(
    event.streamName,
    [{ eventId: event.eventId, type: event.type, data: event.data, metadata: EventMetadata.encode(event.metadata) }],
    event.revision === 0 ? 'no-stream' : event.revision - 1,
  )()

/** Reads and checks every line of an export before anything is written. */
export const readExport = (from: string): readonly ExportedEvent[] => {
  if (!existsSync(from)) throw new CliError(`no file ${from} to import`)
  const decode = decodeWith(ExportedEvent, 'event')
  const next = new Map<string, number>()
  const events: ExportedEvent[] = []
  const lines = readFileSync(from, 'utf8').split('\n')
  for (const [index, text] of lines.entries()) {
    const line = index + 1
    if (text.trim() === '') continue
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new CliError(
        `${from} line ${line} is not JSON (${error instanceof Error ? error.message : String(error)}): nothing was imported`,
      )
    }
    const event = decode(json)
    if (E.isLeft(event))
      throw new CliError(
        `${from} line ${line} is not an event: ${formatDecodeFailure(event.left)}; nothing was imported`,
      )
    const expected = next.get(event.right.streamName) ?? 0
    if (event.right.revision !== expected)
      throw new CliError(
        `${from} line ${line}: ${event.right.streamName} revision ${event.right.revision} comes where revision ${expected} should; nothing was imported`,
      )
    next.set(event.right.streamName, expected + 1)
    events.push(event.right)
  }
  return events
}

/**
 * Imports an export into a store: every line is read and checked first (a line that is not an event names its line
 * number, and nothing is imported), then the events are appended in the file's order, each at its revision, with its
 * id, data and metadata as they were. Refuses a store that already holds events unless `intoNonEmpty`.
 */
export const importCommand = async (
  store: EventStore,
  options: { readonly from: string; readonly intoNonEmpty: boolean },
  out: (line: string) => void,
): Promise<number> => {
  const events = readExport(options.from)
  if (!options.intoNonEmpty) {
    for await (const record of store.readAll({ limit: 1 }))
      throw new CliError(
        `the store already holds events (${record.streamName} and maybe more): import into an empty store, or pass --into-non-empty`,
      )
  }
  let imported = 0
  for (const event of events) {
    const appended = await appendExported(store, event)
    if (E.isLeft(appended))
      throw new CliError(
        `importing ${event.streamName} revision ${event.revision} failed after ${imported} events: ${appendFailure(appended.left)}`,
        appended.left._tag === 'StoreUnavailable' ? exitCodes.storeFailed : exitCodes.badInput,
      )
    imported++
  }
  out(`${imported} events imported from ${options.from}`)
  return exitCodes.ok
}
