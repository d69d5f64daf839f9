import {
  type CompetencyGap,
  competencyName,
  type EmployeeType,
  type Nip,
  type PositionType,
  type Rank,
} from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import { type CompetencyGapsDocument, competencyGapsProjection } from './competency-gaps.js'
import { listDocuments, readDocument } from './stored-document.js'

/** One competency's gap, with its name when PermenPANRB 38/2017 gives one (teknis codes are named by their agency). */
export interface NamedCompetencyGap extends CompetencyGap {
  readonly name: string | null
}

/** An ASN's competency gaps: the job's standard against the latest assessed levels. */
export interface AsnCompetencyGaps {
  readonly nip: Nip
  readonly unit: string
  readonly employeeType: EmployeeType
  readonly position: PositionType
  readonly positionTitle: string
  readonly rank: Rank | null
  /** Whether the job's competency standard was set; without it there is nothing to fall short of. */
  readonly standardSet: boolean
  /** Every competency of the standard, in its order. */
  readonly gaps: readonly NamedCompetencyGap[]
  /** Competencies below their required level; not assessed counts as below. */
  readonly openGaps: number
  /** Levels missing across the standard. */
  readonly totalGap: number
}

const gapsOf = (doc: CompetencyGapsDocument): AsnCompetencyGaps => ({
  nip: doc.nip,
  unit: doc.unit,
  employeeType: doc.employeeType,
  position: doc.position,
  positionTitle: doc.positionTitle,
  rank: doc.rank,
  standardSet: doc.standard.length > 0,
  gaps: doc.gaps.map(line => ({ ...line, name: competencyName(line.competency) ?? null })),
  openGaps: doc.openGaps,
  totalGap: doc.totalGap,
})

/** One ASN's competency gaps; undefined when no profile is registered for the NIP. */
export const competencyGaps = async (store: ReadModelStore, nip: Nip): Promise<AsnCompetencyGaps | undefined> => {
  const doc = await readDocument(store, competencyGapsProjection, nip)
  return doc === undefined ? undefined : gapsOf(doc)
}

/** The competency gaps of every ASN of a unit, those with the most open gaps first. */
export const competencyGapsOfUnit = async (
  store: ReadModelStore,
  unit: string,
): Promise<readonly AsnCompetencyGaps[]> => {
  const listed = await listDocuments(store, competencyGapsProjection, {
    where: { field: 'unit', equals: unit },
    orderBy: { field: 'openGaps', direction: 'desc' },
  })
  return listed.map(({ doc }) => gapsOf(doc))
}
