import { type EventStore, incentiveEligibility, instant, type PolicyConfig, replay } from '@pembina/core'

/** One ASN's learning in the report's year. */
export interface LearningLine {
  readonly nip: string
  readonly unit: string
  readonly employeeType: string
  readonly creditedJp: number
  readonly minimumJp: number
  readonly activities: number
  readonly atMinimum: boolean
  readonly eligible: boolean
  readonly reasons: string
}

/** One complaint as it stands. */
export interface ComplaintLine {
  readonly complaintId: string
  readonly unit: string
  readonly status: string
  readonly receivedAt: string
  readonly missedStages: string
  readonly month: string
}

/** What the report's charts and CSV files are made of, worked out by replaying the store. */
export interface ReportData {
  readonly year: number
  readonly learning: readonly LearningLine[]
  /** For each month's end, the share of registered ASN at their annual minimum so far. */
  readonly compliance: readonly { readonly month: string; readonly share: number }[]
  readonly complaints: readonly ComplaintLine[]
}

const jp = (minutes: number): number => Math.round((minutes / 45) * 10) / 10

const monthEnd = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 1) - 1).toISOString().slice(0, 10)

/** Replays the store for the report: at the year's end, and at the end of each month for compliance. */
export const reportData = async (store: EventStore, config: PolicyConfig, year: number): Promise<ReportData> => {
  const learning: LearningLine[] = []
  const complaints: ComplaintLine[] = []
  const yearEnd = instant(`${year}-12-31T23:59:59+07:00`)
  for await (const stream of replay(store, { config, asOf: yearEnd, categories: ['competency', 'complaint'] })) {
    if (stream.category === 'competency' && stream.state.status === 'registered') {
      const standing = incentiveEligibility(stream.state, year, config)
      learning.push({
        nip: stream.state.nip,
        unit: stream.state.employment.unit,
        employeeType: stream.state.employment.employeeType,
        creditedJp: jp(standing.creditedMinutes),
        minimumJp: jp(standing.minimumMinutes),
        activities: standing.activities,
        atMinimum: standing.creditedMinutes >= standing.minimumMinutes,
        eligible: standing.eligible,
        reasons: standing.reasons.join('; '),
      })
    }
    if (stream.category === 'complaint' && stream.state.status !== 'not-filed')
      complaints.push({
        complaintId: stream.state.complaintId,
        unit: stream.state.unit,
        status: stream.state.status,
        receivedAt: stream.state.receivedAt,
        missedStages: Object.keys(stream.state.missed).join(' '),
        month: stream.state.receivedAt.slice(0, 7),
      })
  }
  const compliance: { month: string; share: number }[] = []
  for (let month = 1; month <= 12; month++) {
    const end = monthEnd(year, month)
    let registered = 0
    let atMinimum = 0
    for await (const stream of replay(store, {
      config,
      asOf: instant(`${end}T23:59:59+07:00`),
      categories: ['competency'],
    }))
      if (stream.category === 'competency' && stream.state.status === 'registered') {
        registered++
        const standing = incentiveEligibility(stream.state, year, config)
        if (standing.creditedMinutes >= standing.minimumMinutes) atMinimum++
      }
    compliance.push({ month: end.slice(0, 7), share: registered === 0 ? 0 : atMinimum / registered })
  }
  return { year, learning, compliance, complaints }
}
