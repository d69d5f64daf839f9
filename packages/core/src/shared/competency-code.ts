import * as t from 'io-ts'
import { oneOf, taggedUnion, wholeNumber } from '../kernel/decode.js'

/** The manajerial competencies of PermenPANRB 38/2017 with their codes. */
export const manajerialCompetencies = {
  'M.01': 'Integritas',
  'M.02': 'Kerjasama',
  'M.03': 'Komunikasi',
  'M.04': 'Orientasi pada Hasil',
  'M.05': 'Pelayanan Publik',
  'M.06': 'Pengembangan Diri dan Orang Lain',
  'M.07': 'Mengelola Perubahan',
  'M.08': 'Pengambilan Keputusan',
} as const

/** The sosial-kultural competency of PermenPANRB 38/2017. */
export const sosialKulturalCompetencies = { 'SK.01': 'Perekat Bangsa' } as const

const manajerialCodes = ['M.01', 'M.02', 'M.03', 'M.04', 'M.05', 'M.06', 'M.07', 'M.08'] as const

// A code is one token an agency writes as it likes (`T.KES.07`, `kes-07`, `Pelayanan.Imunisasi`): visible characters,
// no spaces or control characters, at most 100; the manajerial and sosial-kultural codes are not teknis codes.
const isTeknisCode = (u: unknown): u is string =>
  typeof u === 'string' &&
  /^[^\s\p{Cc}\p{Cf}]{1,100}$/u.test(u) &&
  !(manajerialCodes as readonly string[]).includes(u) &&
  u !== 'SK.01'

/**
 * Codec for an agency-defined teknis competency code (DOMAIN.md: free codes, such as `T.KES.07`): any code of 1 to 100
 * visible characters without spaces, other than a manajerial or sosial-kultural code. Which codes an agency uses is
 * configuration (`teknisCompetencies`), checked by the deciders that take a competency from a person.
 */
export const TeknisCode = new t.Type<string, string>(
  'TeknisCode',
  isTeknisCode,
  (u, c) =>
    isTeknisCode(u)
      ? t.success(u)
      : t.failure(u, c, 'must be a teknis code of 1 to 100 visible characters without spaces, not M.01-M.08 or SK.01'),
  t.identity,
)

/** Codec for a competency (PP 11/2017 Pasal 1): its type and its code, which must belong to that type. */
export const Competency = taggedUnion(
  'type',
  {
    manajerial: t.strict({ type: t.literal('manajerial'), code: oneOf(manajerialCodes, 'ManajerialCode') }),
    'sosial-kultural': t.strict({ type: t.literal('sosial-kultural'), code: oneOf(['SK.01'], 'SosialKulturalCode') }),
    teknis: t.strict({ type: t.literal('teknis'), code: TeknisCode }),
  },
  'Competency',
)
/** A competency: `teknis` (agency code), `manajerial` (M.01–M.08) or `sosial-kultural` (SK.01). */
export type Competency = t.TypeOf<typeof Competency>

/** Codec for a competency level, 1 to 5. */
export const CompetencyLevel = wholeNumber(1, 5, 'CompetencyLevel')

/** The key that identifies a competency in maps and reports (its code). */
export const competencyKey = (competency: Competency): string => competency.code

/** The name of a manajerial or sosial-kultural competency; teknis codes are named by their agency. */
export const competencyName = (competency: Competency): string | undefined => {
  switch (competency.type) {
    case 'manajerial':
      return manajerialCompetencies[competency.code]
    case 'sosial-kultural':
      return sosialKulturalCompetencies[competency.code]
    case 'teknis':
      return undefined
  }
}
