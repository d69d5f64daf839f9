import {
  Competency,
  ContractPeriod,
  type CompetencyEvent,
  CreditedMinutes,
  type CompetencyState,
  evolveCompetency,
  initialCompetencyState,
  Instant,
  LearningForm,
  LearningSource,
  LearningYear,
  LocalDate,
  Nip,
  taggedUnion,
  text,
} from '@pembina/core'
import * as t from 'io-ts'
import type { Projection, ProjectedEvent } from '../projection.js'
import { byText, nullable } from './document-values.js'
import { employmentFields, employmentOf, profileOf } from './profile-slice.js'
import { documentCodec } from './stored-document.js'

/** Codec for learning credited from one source (core's `LearningCredit`). */
export const CreditedLearning = t.strict(
  {
    source: LearningSource,
    sourceKey: text(300, 'SourceKey'),
    activityKey: text(300, 'ActivityKey'),
    minutes: CreditedMinutes,
    form: LearningForm,
    competency: nullable(Competency),
    completedOn: LocalDate,
    year: LearningYear,
    title: text(200, 'Title'),
    at: Instant,
  },
  'CreditedLearning',
)

/** Codec for a recorded participation in a policy consultation (core's `PolicyParticipation`). */
export const RecordedParticipation = t.strict(
  {
    consultationId: text(128, 'ConsultationId'),
    activityKey: text(300, 'ActivityKey'),
    title: text(200, 'Title'),
    participatedOn: LocalDate,
    year: LearningYear,
    minutes: CreditedMinutes,
    at: Instant,
  },
  'RecordedParticipation',
)

/** Codec for an ASN's document: the employment that fixes the annual minimum and the unit, and the years with learning. */
export const AsnLearningDocument = t.strict(
  {
    kind: t.literal('asn'),
    nip: Nip,
    registeredAt: Instant,
    ...employmentFields,
    /** A PPPK's contract periods, by start: the annual minimum is counted per contract year. */
    contracts: t.readonlyArray(ContractPeriod),
    /** Years with credited learning or a policy consultation, in order. */
    years: t.readonlyArray(LearningYear),
  },
  'AsnLearning',
)
/** An ASN's document in the learning-hours read model. */
export type AsnLearningDocument = t.TypeOf<typeof AsnLearningDocument>

/** Codec for one ASN's learning in one year: every credit, by source key, and every policy consultation. */
export const YearLearningDocument = t.strict(
  {
    kind: t.literal('year'),
    nip: Nip,
    year: LearningYear,
    credits: t.readonlyArray(CreditedLearning),
    participations: t.readonlyArray(RecordedParticipation),
  },
  'YearLearning',
)
/** One ASN's learning in one year. */
export type YearLearningDocument = t.TypeOf<typeof YearLearningDocument>

/** Codec for the documents of the learning-hours read model: an ASN's (key: NIP) or a year's (key: NIP/year). */
export const LearningHoursDocument = documentCodec(
  taggedUnion('kind', { asn: AsnLearningDocument, year: YearLearningDocument }, 'LearningHoursDocument'),
)
/** A document of the learning-hours read model. */
export type LearningHoursDocument = t.TypeOf<typeof LearningHoursDocument>

/** The key of one ASN's learning in one year. */
export const learningYearKey = (nip: string, year: number): string => `${nip}/${year}`

const stateOf = (doc: AsnLearningDocument | undefined): CompetencyState =>
  doc === undefined
    ? initialCompetencyState
    : profileOf({
        nip: doc.nip,
        registeredAt: doc.registeredAt,
        employment: employmentOf(doc),
        contracts: doc.contracts,
      })

// The employment comes from core's fold, so a position change means here what it means to the profile.
const asnEvolved = (doc: AsnLearningDocument | undefined, event: CompetencyEvent): AsnLearningDocument | undefined => {
  const next = evolveCompetency(stateOf(doc), event)
  if (next.status !== 'registered') return undefined
  const year =
    event.type === 'LearningCredited' || event.type === 'PolicyParticipationRecorded' ? event.data.year : null
  const years = doc?.years ?? []
  return {
    kind: 'asn',
    nip: next.nip,
    registeredAt: next.registeredAt,
    ...employmentOf(next.employment),
    contracts: next.contracts,
    years: year === null || years.includes(year) ? years : [...years, year].sort((a, b) => a - b),
  }
}

// A source is credited once: a second credit of the same source key replaces the first, as in core's fold.
const yearEvolved = (doc: YearLearningDocument, event: CompetencyEvent): YearLearningDocument => {
  switch (event.type) {
    case 'LearningCredited': {
      const { source, sourceKey, activityKey, minutes, form, competency, completedOn, year, title, at } = event.data
      const credit = { source, sourceKey, activityKey, minutes, form, competency: competency ?? null }
      return {
        ...doc,
        credits: [
          ...doc.credits.filter(other => other.sourceKey !== sourceKey),
          { ...credit, completedOn, year, title, at },
        ].sort((a, b) => byText(a.sourceKey, b.sourceKey)),
      }
    }
    case 'PolicyParticipationRecorded': {
      const { consultationId, activityKey, title, participatedOn, year, minutes, at } = event.data
      return {
        ...doc,
        participations: [
          ...doc.participations.filter(other => other.consultationId !== consultationId),
          { consultationId, activityKey, title, participatedOn, year, minutes, at },
        ].sort((a, b) => byText(a.consultationId, b.consultationId)),
      }
    }
    default:
      return doc
  }
}

/** The learning events and the documents they touch: the ASN's, and for learning the year's too. */
const learningEventOf = (event: ProjectedEvent['event']): CompetencyEvent | undefined => {
  switch (event.type) {
    case 'ProfileRegistered':
    case 'PositionChanged':
    case 'ContractRecorded':
    case 'LearningCredited':
    case 'PolicyParticipationRecorded':
      return event
    default:
      return undefined
  }
}

/**
 * Learning hours (`learning-hours`): per ASN (key: NIP) the employment that fixes the unit and the annual minimum,
 * and per ASN and year (key: NIP/year) every credit with its source and every policy consultation. Learning events
 * name only the NIP, so the employment lives in the ASN's document and queries join the two; both come from the same
 * stream and projection, so they are always at the same point. Minimums and eligibility are core's, applied by the
 * queries with the policy they are given.
 */
export const learningHoursProjection: Projection<LearningHoursDocument> = {
  name: 'learning-hours',
  // 2: an ASN's document holds a PPPK's contract periods.
  version: 2,
  categories: ['competency'],
  document: LearningHoursDocument,
  keysOf: ({ event }) => {
    const learning = learningEventOf(event)
    if (learning === undefined) return []
    const { nip } = learning.data
    return learning.type === 'LearningCredited' || learning.type === 'PolicyParticipationRecorded'
      ? [nip, learningYearKey(nip, learning.data.year)]
      : [nip]
  },
  evolve: (doc, { event }, key) => {
    const learning = learningEventOf(event)
    if (learning === undefined) return doc
    if (key === learning.data.nip) return asnEvolved(doc?.kind === 'asn' ? doc : undefined, learning)
    if (learning.type !== 'LearningCredited' && learning.type !== 'PolicyParticipationRecorded') return doc
    const empty: YearLearningDocument = {
      kind: 'year',
      nip: learning.data.nip,
      year: learning.data.year,
      credits: [],
      participations: [],
    }
    return yearEvolved(doc?.kind === 'year' ? doc : empty, learning)
  },
}
