import * as t from 'io-ts'
import { oneOf, taggedUnion } from '../kernel/decode.js'

/** Codec for employee types: PNS (civil servant) or PPPK (contract employee). */
export const EmployeeType = oneOf(['PNS', 'PPPK'], 'EmployeeType')
/** PNS (civil servant) or PPPK (contract employee). */
export type EmployeeType = t.TypeOf<typeof EmployeeType>

/** Codec for position types (UU 20/2023 Pasal 13, 18): managerial or non-managerial, with the level. */
export const PositionType = taggedUnion(
  'kind',
  {
    manajerial: t.strict({ kind: t.literal('manajerial'), level: oneOf(['jpt', 'administrator', 'pengawas']) }),
    'fungsional-ahli': t.strict({
      kind: t.literal('fungsional-ahli'),
      level: oneOf(['pertama', 'muda', 'madya', 'utama']),
    }),
    'fungsional-keterampilan': t.strict({
      kind: t.literal('fungsional-keterampilan'),
      level: oneOf(['pemula', 'terampil', 'mahir', 'penyelia']),
    }),
    pelaksana: t.strict({ kind: t.literal('pelaksana') }),
  },
  'PositionType',
)
/** A position type: manajerial (JPT, administrator, pengawas) or nonmanajerial (fungsional ahli/keterampilan, pelaksana). */
export type PositionType = t.TypeOf<typeof PositionType>
