import { v5 } from 'uuid'

/**
 * Pembina's uuid v5 namespace for event ids: itself `v5('https://pembina.dev/event-id', v5.URL)`, fixed forever,
 * since changing it would give a retried command new event ids.
 */
export const pembinaEventNamespace = '1a4ed95a-84fb-5a77-b860-08935edfa9fd'

/** The id of the `index`-th (zero-based) event a command writes: uuid v5 of `${commandId}:${index}`, the same on every retry. */
export const eventIdOf = (commandId: string, index: number): string =>
  v5(`${commandId}:${index}`, pembinaEventNamespace)
