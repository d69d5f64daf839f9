import { StoreUnavailableError, type StoreUnavailable } from '@pembina/core'

const codeOf = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined

/** Whether SQLite gave up waiting for a lock another connection held (SQLITE_BUSY and its extended codes). */
export const isBusy = (error: unknown): boolean => codeOf(error)?.startsWith('SQLITE_BUSY') ?? false

const describe = (error: unknown, action: string, file: string): string => {
  if (isBusy(error))
    return `${action} ${file}: the database stayed locked by another connection past the busy timeout (${codeOf(error) ?? 'SQLITE_BUSY'})`
  const detail = error instanceof Error ? error.message : String(error)
  return `${action} ${file} failed: ${detail}`
}

/** The append failure for an error SQLite (or the driver) raised: nothing was written. */
export const storeUnavailable = (error: unknown, action: string, file: string): StoreUnavailable => ({
  _tag: 'StoreUnavailable',
  message: describe(error, action, file),
  cause: error,
})

/** The read failure for an error SQLite (or the driver) raised; typed errors of the port pass through unchanged. */
export const storeUnavailableError = (error: unknown, action: string, file: string): Error =>
  error instanceof StoreUnavailableError
    ? error
    : new StoreUnavailableError(describe(error, action, file), { cause: error })
