import * as t from 'io-ts'

/** An event as the domain sees it: a past-tense type and its data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type
  readonly data: Data
}

/** An event codec: `{ type, data }`; by convention `data.at` is the instant of the fact. */
export const event = <Type extends string, Data extends t.Mixed>(type: Type, data: Data) =>
  t.strict({ type: t.literal(type), data }, type)
