/** Returned by `within` when the promise has not settled in time. */
export const timedOut = Symbol('timed out')

/** Resolves with the promise's value, or with `timedOut` after `ms` if it has not settled by then. */
export const within = <A>(promise: Promise<A>, ms: number): Promise<A | typeof timedOut> =>
  new Promise<A | typeof timedOut>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        resolve(timedOut)
      },
      Math.max(0, ms),
    )
    promise.then(
      value => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })

/** A promise with its settling functions, marked handled so that a caller who ignores it sees no unhandled rejection. */
export const settleable = <A>(): {
  readonly promise: Promise<A>
  readonly resolve: (value: A) => void
  readonly reject: (error: Error) => void
} => {
  let resolve: (value: A) => void = () => undefined
  let reject: (error: Error) => void = () => undefined
  const promise = new Promise<A>((res, rej) => {
    resolve = res
    reject = rej
  })
  promise.catch(() => undefined)
  return { promise, resolve, reject }
}
