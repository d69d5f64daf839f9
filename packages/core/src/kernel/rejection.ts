/** Why a decider refused a command: a stable kebab-case code, an English message, and the Indonesian term where one exists. */
export interface Rejection<Code extends string = string> {
  readonly code: Code
  readonly message: string
  readonly term?: string
}

/** Builds a rejection value. */
export const rejection = <Code extends string>(code: Code, message: string, term?: string): Rejection<Code> =>
  term === undefined ? { code, message } : { code, message, term }
