/**
 * The exit codes of `pembina`: 0 done; 1 the audit found something and `--strict` was given; 2 bad input (an unknown
 * option or store URL, a missing file, a line or a configuration that does not decode); 3 the store failed.
 */
export const exitCodes = { ok: 0, findings: 1, badInput: 2, storeFailed: 3 } as const

/** A failure the command reports in one line and exits with, without a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError'
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.badInput,
  ) {
    super(message)
  }
}
