/** The value stored under a key of a record, looking at own keys only (ids like `constructor` are valid). */
export const entryOf = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined
