import * as t from 'io-ts'
import { refine } from '../kernel/decode.js'
import { LocalDate } from './time.js'

/** Whether a period ends on or after the day it starts. */
const isOrderedPeriod = (period: { readonly start: LocalDate; readonly end: LocalDate }): boolean =>
  period.end >= period.start

/** Codec for a PPPK contract period (perjanjian kerja): its first and last day, the last on or after the first. */
export const ContractPeriod = refine(
  t.readonly(t.strict({ start: LocalDate, end: LocalDate })),
  (period): period is { readonly start: LocalDate; readonly end: LocalDate } => isOrderedPeriod(period),
  'ContractPeriod',
  'must end on or after its start',
)
/** A PPPK contract period, both days included. */
export type ContractPeriod = t.TypeOf<typeof ContractPeriod>

/** The known contract period that overlaps a new one, if any. */
export const overlappingContract = (
  known: readonly ContractPeriod[],
  period: ContractPeriod,
): ContractPeriod | undefined => known.find(each => each.start <= period.end && period.start <= each.end)
