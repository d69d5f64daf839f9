import {
  type ComplaintCategory,
  type ComplaintDeadlineStage,
  type ComplaintStatus,
  compareInstants,
  type Instant,
  type MissableStage,
  type Nip,
  nextDeadlines,
  type PolicyConfig,
  type WorkingCalendar,
} from '@pembina/core'
import type { ReadModelStore } from '../projection.js'
import { byText } from './document-values.js'
import {
  type ComplaintBoardDocument,
  complaintBoardProjection,
  complaintOf,
  type DeadlineBreach,
} from './complaint-board.js'
import { listDocuments, readDocument } from './stored-document.js'

/** A deadline still open on a complaint, as of the instant asked about. */
export interface OpenDeadline {
  readonly stage: ComplaintDeadlineStage
  /** The end of its last day (23:59:59.999 WIB). */
  readonly dueAt: Instant
  readonly responsibleNip: Nip | null
  /** Working days from the day asked about to the due day: 0 on the due day, negative once overdue. */
  readonly workingDaysLeft: number
  readonly overdue: boolean
}

/** A complaint as the board shows it: where it stands, its open deadlines (the next first) and its breaches. */
export interface ComplaintOnBoard {
  readonly complaintId: string
  readonly trackingId: string
  readonly unit: string
  readonly category: ComplaintCategory
  readonly status: ComplaintStatus
  readonly open: boolean
  readonly receivedAt: Instant
  /** The open deadline that falls due first; null when none runs (e.g. notified, awaiting closure). */
  readonly next: OpenDeadline | null
  readonly deadlines: readonly OpenDeadline[]
  readonly breaches: readonly DeadlineBreach[]
  /** Working days from receipt to the decision; null until decided. */
  readonly resolutionWorkingDays: number | null
  readonly rating: number | null
}

/** Breaches counted by stage. */
export type BreachesByStage = Readonly<Record<MissableStage, number>>

/** A unit's complaint SLA board as of an instant (LAPOR!, UU 25/2009). */
export interface ComplaintBoard {
  readonly unit: string
  readonly asOf: Instant
  /** Open complaints, the one whose next deadline falls due first at the top; those with none running last. */
  readonly open: readonly ComplaintOnBoard[]
  /** Deadlines missed by the unit's complaints, as the timer recorded them. */
  readonly breaches: { readonly total: number; readonly byStage: BreachesByStage }
  /** Decided complaints and their time from receipt to decision, in working days. */
  readonly resolution: {
    readonly decided: number
    readonly averageWorkingDays: number | null
    readonly longestWorkingDays: number | null
  }
  /** Satisfaction ratings (1–5) given by complainants. */
  readonly satisfaction: {
    readonly rated: number
    readonly average: number | null
    /** How many ratings of each value, index 0 for rating 1 up to index 4 for rating 5. */
    readonly distribution: readonly number[]
  }
}

// Past the deadline the count is negative; `0 -` keeps a weekend with no working day gone by at 0, not -0.
const workingDaysLeft = (calendar: WorkingCalendar, asOf: Instant, dueAt: Instant): number =>
  compareInstants(dueAt, asOf) >= 0
    ? calendar.workingDaysBetween(asOf, dueAt)
    : 0 - calendar.workingDaysBetween(dueAt, asOf)

/** Open deadlines are core's (`nextDeadlines`) under the caller's policy; days left are counted in its calendar. */
const onBoard = (doc: ComplaintBoardDocument, asOf: Instant, config: PolicyConfig): ComplaintOnBoard => {
  const deadlines = nextDeadlines(complaintOf(doc), config)
    .map(deadline => ({
      ...deadline,
      workingDaysLeft: workingDaysLeft(config.calendar, asOf, deadline.dueAt),
      overdue: compareInstants(deadline.dueAt, asOf) < 0,
    }))
    .sort((a, b) => compareInstants(a.dueAt, b.dueAt))
  return {
    complaintId: doc.complaintId,
    trackingId: doc.trackingId,
    unit: doc.unit,
    category: doc.category,
    status: doc.status,
    open: doc.open,
    receivedAt: doc.receivedAt,
    next: deadlines[0] ?? null,
    deadlines,
    breaches: doc.breaches,
    resolutionWorkingDays:
      doc.decision === null ? null : config.calendar.workingDaysBetween(doc.receivedAt, doc.decision.at),
    rating: doc.rating,
  }
}

const byNextDeadline = (a: ComplaintOnBoard, b: ComplaintOnBoard): number => {
  if (a.next === null || b.next === null)
    return a.next === b.next ? byText(a.complaintId, b.complaintId) : a.next === null ? 1 : -1
  return compareInstants(a.next.dueAt, b.next.dueAt) || byText(a.complaintId, b.complaintId)
}

const countByStage = (breaches: readonly DeadlineBreach[]): BreachesByStage => {
  const count = (stage: MissableStage): number => breaches.filter(breach => breach.stage === stage).length
  return {
    verification: count('verification'),
    'follow-up': count('follow-up'),
    decision: count('decision'),
    notification: count('notification'),
  }
}

const average = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length

/**
 * The SLA board of a unit as of an instant: its open complaints with their next deadline and working days left,
 * the deadlines its complaints missed, their resolution time in working days, and satisfaction. A complaint belongs
 * to the unit responsible now (the one it was routed to). Nothing reads a clock: `asOf` is the caller's instant, and
 * the working days are those of `config.calendar`.
 */
export const complaintBoard = async (
  store: ReadModelStore,
  unit: string,
  asOf: Instant,
  config: PolicyConfig,
): Promise<ComplaintBoard> => {
  const listed = await listDocuments(store, complaintBoardProjection, { where: { field: 'unit', equals: unit } })
  const complaints = listed.map(({ doc }) => onBoard(doc, asOf, config))
  const breaches = complaints.flatMap(complaint => complaint.breaches)
  const resolution = complaints.flatMap(complaint =>
    complaint.resolutionWorkingDays === null ? [] : [complaint.resolutionWorkingDays],
  )
  const ratings = complaints.flatMap(complaint => (complaint.rating === null ? [] : [complaint.rating]))
  return {
    unit,
    asOf,
    open: complaints.filter(complaint => complaint.open).sort(byNextDeadline),
    breaches: { total: breaches.length, byStage: countByStage(breaches) },
    resolution: {
      decided: resolution.length,
      averageWorkingDays: average(resolution),
      longestWorkingDays: resolution.length === 0 ? null : Math.max(...resolution),
    },
    satisfaction: {
      rated: ratings.length,
      average: average(ratings),
      distribution: [1, 2, 3, 4, 5].map(value => ratings.filter(rating => rating === value).length),
    },
  }
}

/** One complaint on the board as of an instant; undefined when no such complaint was filed. */
export const complaintOnBoard = async (
  store: ReadModelStore,
  complaintId: string,
  asOf: Instant,
  config: PolicyConfig,
): Promise<ComplaintOnBoard | undefined> => {
  const doc = await readDocument(store, complaintBoardProjection, complaintId)
  return doc === undefined ? undefined : onBoard(doc, asOf, config)
}

/** The deadlines missed in one unit's name. */
export interface UnitBreaches {
  readonly unit: string
  readonly total: number
  readonly byStage: BreachesByStage
}

/**
 * Breaches by unit across every complaint, each counted under the unit the timer named when it recorded the miss
 * (which may differ from the unit a complaint was later routed to), units in name order.
 */
export const complaintBreachesByUnit = async (store: ReadModelStore): Promise<readonly UnitBreaches[]> => {
  const listed = await listDocuments(store, complaintBoardProjection)
  const byUnit = new Map<string, DeadlineBreach[]>()
  for (const { doc } of listed)
    for (const breach of doc.breaches) byUnit.set(breach.unit, [...(byUnit.get(breach.unit) ?? []), breach])
  return [...byUnit]
    .sort(([a], [b]) => byText(a, b))
    .map(([unit, breaches]) => ({ unit, total: breaches.length, byStage: countByStage(breaches) }))
}
