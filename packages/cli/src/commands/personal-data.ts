import { existsSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { eraseSubject, type FieldOpening, text } from '@pembina/core'
import { sqliteKeyStore } from '@pembina/sqlite'
import { CliError, exitCodes } from '../cli-error.js'
import { writeCsv } from '../report/csv.js'

/** What `pembina openings` and `pembina erase` are asked. */
export interface KeyStoreOptions {
  /** The key store's SQLite file. */
  readonly keys: string
  readonly json: boolean
}

const SubjectId = text(128, 'SubjectId')

/** Opens an SQLite key store that must exist (`--keys FILE`); a missing or refused file is a `CliError`. */
export const openKeys = (file: string) => {
  if (!existsSync(file)) throw new CliError(`--keys ${file}: no such key store`)
  try {
    return sqliteKeyStore({ path: file })
  } catch (error) {
    throw new CliError(`--keys ${file}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

const subjectOf = (subject: string): string => {
  const decoded = SubjectId.decode(subject)
  if (E.isLeft(decoded)) throw new CliError(`--subject ${subject}: a subject id is 1 to 128 visible characters`)
  return decoded.right
}

const columns = ['at', 'subjectId', 'keyId', 'field', 'who', 'purpose', 'outcome'] as const

/**
 * Lists the decryption log (every opening of a sealed field: when, which subject and field, who, why, what came of
 * it), of one subject or of all, as lines, JSON, or a CSV file a spreadsheet opens. The log holds no clear value.
 */
export const openingsCommand = async (
  options: KeyStoreOptions & { readonly subject?: string; readonly csv?: string },
  out: (line: string) => void,
): Promise<number> => {
  const keys = openKeys(options.keys)
  try {
    const query = options.subject === undefined ? {} : { subjectId: subjectOf(options.subject) }
    const listed = await keys.openings(query)()
    if (E.isLeft(listed)) throw new CliError(listed.left.message, exitCodes.storeFailed)
    const openings: readonly FieldOpening[] = listed.right
    if (options.csv !== undefined) {
      writeCsv(
        options.csv,
        openings.map(opening => ({ ...opening })),
        columns,
      )
      out(`${openings.length} openings written to ${options.csv}`)
    } else if (options.json) out(JSON.stringify(openings, null, 2))
    else {
      for (const opening of openings)
        out(
          `${opening.at}  ${opening.outcome.padEnd(7)}  ${opening.subjectId}  ${opening.field}  by ${opening.who}: ${opening.purpose}`,
        )
      out(`${openings.length} openings`)
    }
    return exitCodes.ok
  } finally {
    keys.close()
  }
}

/**
 * Erases a data subject (UU 27/2022): destroys their keys in the key store, so every field sealed for them, in every
 * event, read model and export, opens as erased from now on. The event store is not touched; its chains still verify.
 */
export const eraseCommand = async (
  options: KeyStoreOptions & { readonly subject: string },
  now: Date,
  out: (line: string) => void,
): Promise<number> => {
  const keys = openKeys(options.keys)
  try {
    const subjectId = subjectOf(options.subject)
    const erased = await eraseSubject(keys, subjectId, now.toISOString())()
    if (E.isLeft(erased)) throw new CliError(erased.left.message, exitCodes.storeFailed)
    if (options.json) out(JSON.stringify({ subjectId, keysDestroyed: erased.right.keys }))
    else
      out(
        erased.right.keys === 0
          ? `${subjectId}: no key to destroy (erased before, or never sealed for); later seals are refused`
          : `${subjectId}: ${erased.right.keys} key destroyed; every field sealed for them now opens as erased`,
      )
    return exitCodes.ok
  } finally {
    keys.close()
  }
}
