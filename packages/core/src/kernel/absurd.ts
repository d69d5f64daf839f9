/** Proves at compile time that every case of a union was handled; throws if reached at run time. */
export const absurd = (value: never): never => {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`)
}
