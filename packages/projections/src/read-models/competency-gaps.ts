import {
  Competency,
  type CompetencyGap,
  competencyGaps as gapsOf,
  CompetencyLevel,
  type CompetencyProfile,
  CompetencyRequirement,
  type CompetencyState,
  evolveCompetency,
  competencyKey,
  initialCompetencyState,
  Instant,
  Nip,
  text,
  wholeNumber,
} from '@pembina/core'
import * as t from 'io-ts'
import type { Projection, ProjectedEvent } from '../projection.js'
import { byText, Count, nullable } from './document-values.js'
import { employmentFields, employmentOf, profileOf } from './profile-slice.js'
import { documentCodec } from './stored-document.js'

/** Codec for the latest assessment of one competency. */
export const AssessedCompetency = t.strict(
  {
    assessmentId: text(128, 'AssessmentId'),
    competency: Competency,
    level: CompetencyLevel,
    assessorNip: Nip,
    at: Instant,
  },
  'AssessedCompetency',
)

/** Codec for one competency of the job's standard against its latest assessment (core's `CompetencyGap`). */
export const CompetencyGapLine = t.strict(
  {
    competency: Competency,
    required: CompetencyLevel,
    assessed: nullable(CompetencyLevel),
    gap: wholeNumber(0, 5, 'Gap'),
  },
  'CompetencyGapLine',
)

/** Codec for an ASN's competency gaps: employment, the job's standard, the latest assessments and the gaps. */
export const CompetencyGapsDocument = documentCodec(
  t.strict(
    {
      nip: Nip,
      registeredAt: Instant,
      ...employmentFields,
      standard: t.readonlyArray(CompetencyRequirement),
      /** The latest assessment of each competency assessed, by code. */
      assessed: t.readonlyArray(AssessedCompetency),
      /** Every competency of the standard, in the standard's order, as core's `competencyGaps` gives it. */
      gaps: t.readonlyArray(CompetencyGapLine),
      /** Competencies of the standard below their required level (not assessed counts as below). */
      openGaps: Count,
      /** Levels missing across the standard. */
      totalGap: Count,
    },
    'CompetencyGaps',
  ),
)
/** An ASN's competency gaps. */
export type CompetencyGapsDocument = t.TypeOf<typeof CompetencyGapsDocument>

const stateOf = (doc: CompetencyGapsDocument | undefined): CompetencyState =>
  doc === undefined
    ? initialCompetencyState
    : profileOf({
        nip: doc.nip,
        registeredAt: doc.registeredAt,
        employment: employmentOf(doc),
        standard: doc.standard,
        latestLevels: doc.assessed,
      })

const documentOf = (profile: CompetencyProfile): CompetencyGapsDocument => {
  const gaps: readonly CompetencyGap[] = gapsOf(profile)
  return {
    nip: profile.nip,
    registeredAt: profile.registeredAt,
    ...employmentOf(profile.employment),
    standard: profile.standard,
    assessed: Object.values(profile.latestLevels).sort((a, b) =>
      byText(competencyKey(a.competency), competencyKey(b.competency)),
    ),
    gaps,
    openGaps: gaps.filter(line => line.gap > 0).length,
    totalGap: gaps.reduce((sum, line) => sum + line.gap, 0),
  }
}

/** The profile events that change a gap: registration and position (the employment), the standard, assessments. */
const gapEventOf = (event: ProjectedEvent['event']) => {
  switch (event.type) {
    case 'ProfileRegistered':
    case 'PositionChanged':
    case 'CompetencyStandardSet':
    case 'CompetencyAssessed':
      return event
    default:
      return undefined
  }
}

/**
 * Competency gaps (`competency-gaps`): one document per ASN, keyed by NIP, with the job's standard against the latest
 * assessed level of each competency. The fold and the gap are core's (`evolveCompetency`, `competencyGaps`), applied
 * to the part of the profile the document keeps.
 */
export const competencyGapsProjection: Projection<CompetencyGapsDocument> = {
  name: 'competency-gaps',
  version: 1,
  categories: ['competency'],
  document: CompetencyGapsDocument,
  keysOf: ({ event }) => {
    const gapEvent = gapEventOf(event)
    return gapEvent === undefined ? [] : [gapEvent.data.nip]
  },
  evolve: (doc, { event }) => {
    const gapEvent = gapEventOf(event)
    if (gapEvent === undefined) return doc
    const next = evolveCompetency(stateOf(doc), gapEvent)
    return next.status === 'registered' ? documentOf(next) : undefined
  },
}
