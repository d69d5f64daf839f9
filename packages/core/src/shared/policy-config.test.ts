import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { competencyDecider } from '../competency/decider.js'
import { complaintDecider } from '../complaint/decider.js'
import { enrollmentDecider } from '../enrollment/decider.js'
import { mentorshipDecider } from '../mentorship/decider.js'
import { checkedPolicy, decodePolicyConfig, defaultPolicy, policyConfig, type PolicyConfig } from './policy-config.js'
import { localDate } from './time.js'

describe('policy configuration', () => {
  it('defaults to 20 JP for PNS and 24 JP for PPPK a year', () => {
    expect(defaultPolicy.learning.annualMinimumMinutes).toEqual({ PNS: 900, PPPK: 1080 })
  })

  it('an agency may change any parameter and keeps the defaults for the rest', () => {
    const result = decodePolicyConfig({ annualMinimumJp: { PPPK: 20 }, maxActiveMentees: 3, holidays: ['2026-08-17'] })
    expect(E.isRight(result)).toBe(true)
    if (E.isLeft(result)) return
    expect(result.right.learning.annualMinimumMinutes).toEqual({ PNS: 900, PPPK: 900 })
    expect(result.right.mentorship.maxActiveMentees).toBe(3)
    expect(result.right.mentorship.minSeniorityYears).toBe(2)
    expect(result.right.calendar.isWorkingDay(localDate('2026-08-17'))).toBe(false)
  })

  it('a bad parameter is refused with its path and rule', () => {
    const result = decodePolicyConfig({ minimumAttendance: 1.5, complaint: { verificationWorkingDays: 0 } })
    expect(E.isLeft(result) && result.left.issues.map(({ path, rule }) => `${path}: ${rule}`)).toEqual([
      'minimumAttendance: must be a number above 0 and at most 1',
      'complaint.verificationWorkingDays: must be a whole number from 1 to 365',
    ])
  })

  it('the teknis catalogue names each code that is not one, and each name that is empty', () => {
    const bad = decodePolicyConfig({
      teknisCompetencies: { 'T KES': 'Kesehatan', 'M.01': 'Integritas', 'kes-1': 'ok' },
    })
    expect(E.isLeft(bad) && bad.left.issues.map(({ path }) => path)).toEqual([
      'teknisCompetencies.T KES',
      'teknisCompetencies.M.01',
    ])
    const blank = decodePolicyConfig({ teknisCompetencies: { 'kes-1': ' ' } })
    expect(E.isLeft(blank) && blank.left.issues.map(({ path }) => path)).toEqual(['teknisCompetencies.kes-1'])
    const good = decodePolicyConfig({ teknisCompetencies: { 'kes-1': 'Pelayanan Imunisasi' } })
    expect(E.map((config: PolicyConfig) => config.teknisCompetencies)(good)).toEqual(
      E.right({ 'kes-1': 'Pelayanan Imunisasi' }),
    )
    expect(defaultPolicy.teknisCompetencies).toBeNull()
  })

  it('the NI PPPK codes are two digits above 12 (a month would make the number a NIP)', () => {
    const bad = decodePolicyConfig({ niPppkCodes: ['21', '05', '7'] })
    expect(E.isLeft(bad) && bad.left.issues.map(({ path }) => path)).toEqual(['niPppkCodes.1', 'niPppkCodes.2'])
    expect(defaultPolicy.niPppkCodes).toEqual(['21'])
    expect(policyConfig({ niPppkCodes: ['21', '31'] }).niPppkCodes).toEqual(['21', '31'])
  })

  it('every list a configuration holds has a bound, refused with its path and the limit (issue 22)', () => {
    const issues = (input: unknown): readonly string[] => {
      const result = decodePolicyConfig(input)
      return E.isLeft(result) ? result.left.issues.map(({ path, rule }) => `${path}: ${rule}`) : []
    }
    const days = Array.from({ length: 1_001 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10))
    expect(issues({ holidays: days })).toEqual(['holidays: must list at most 1000 holidays'])
    expect(issues({ holidays: days.slice(0, 1_000) })).toEqual([])
    expect(issues({ niPppkCodes: ['21', '21'] })).toEqual(['niPppkCodes: must list each code at most once'])
    const catalogue = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`kes-${i}`, `Kompetensi ${i}`]))
    expect(issues({ teknisCompetencies: catalogue })).toEqual([
      'teknisCompetencies: must list at most 10000 competencies',
    ])
    expect(issues({ teknisCompetencies: { 'kes-1': 'Pelayanan\u202eImunisasi' } })).toEqual([
      'teknisCompetencies.kes-1: must hold no bidirectional control character (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C)',
    ])
  })

  it('a misspelt or unknown setting is refused, naming each key, never dropped for its default', () => {
    const result = decodePolicyConfig({
      minActivity: 3,
      annualMinimumJp: { PNS: 20, pppk: 24 },
      complaint: { followUpWorkingDays: 5, escalationDays: 7 },
      sessionMinutes: { min: 15, max: 480, step: 15 },
    })
    expect(E.isLeft(result) && result.left.issues.map(({ path, rule }) => `${path}: ${rule}`)).toEqual([
      'minActivity: is not a known field: did you mean minActivities?',
      'annualMinimumJp.pppk: is not a known field: did you mean PPPK?',
      'sessionMinutes.step: is not a known field (known: min, max)',
      'complaint.escalationDays: is not a known field (known: filingWindowDays, verificationWorkingDays, completionWindowDays, followUpWorkingDays, decisionDays, notificationDays, autoCloseWorkingDays, ratingWindowDays)',
    ])
  })

  it('a session range whose minimum exceeds its maximum is refused', () => {
    const result = decodePolicyConfig({ sessionMinutes: { min: 60, max: 30 } })
    expect(E.isLeft(result) && result.left.issues[0]?.rule).toBe('min must not exceed max')
  })

  it('a typed parameter out of range is refused when the configuration is built, not later inside a decider', () => {
    expect(() => policyConfig({ complaint: { autoCloseWorkingDays: 0 } })).toThrow(
      new RangeError('PolicyConfigInput: complaint.autoCloseWorkingDays must be a whole number from 1 to 365'),
    )
    expect(() => policyConfig({ sessionMinutes: { min: 60, max: 30 } })).toThrow(
      new RangeError('PolicyConfigInput: sessionMinutes min must not exceed max'),
    )
    expect(policyConfig({ complaint: { autoCloseWorkingDays: 365 } }).complaint.autoCloseWorkingDays).toBe(365)
  })

  it('every decider refuses, when it is built, a configuration assembled by hand with a value out of range', () => {
    const noDays: PolicyConfig = {
      ...defaultPolicy,
      complaint: { ...defaultPolicy.complaint, autoCloseWorkingDays: 0 },
    }
    const halfDays: PolicyConfig = {
      ...defaultPolicy,
      complaint: { ...defaultPolicy.complaint, verificationWorkingDays: 2.5 },
    }
    const upsideDown: PolicyConfig = {
      ...defaultPolicy,
      mentorship: { ...defaultPolicy.mentorship, sessionMinutes: { min: 60, max: 30 } },
    }
    for (const build of [complaintDecider, enrollmentDecider, competencyDecider, mentorshipDecider]) {
      expect(() => build(noDays)).toThrow(
        new RangeError('PolicyConfig: complaint.autoCloseWorkingDays must be a whole number from 1 to 365'),
      )
      expect(() => build(halfDays)).toThrow(/complaint\.verificationWorkingDays must be a whole number/)
      expect(() => build(upsideDown)).toThrow('PolicyConfig: mentorship.sessionMinutes min must not exceed max')
      expect(() => build(defaultPolicy)).not.toThrow()
    }
  })

  it('configurations policyConfig builds pass the deciders check, at either end of every range', () => {
    const days = (n: number) => ({
      ...{ filingWindowDays: n, verificationWorkingDays: n, completionWindowDays: n, followUpWorkingDays: n },
      ...{ decisionDays: n, notificationDays: n, autoCloseWorkingDays: n },
    })
    for (const [jp, count, share, years, minutes, n] of [
      [1000, 100, 1, 40, 1440, 365],
      [0, 0, 0.01, 0, 1, 1],
    ] as const) {
      const built = policyConfig({
        ...{ annualMinimumJp: { PNS: jp, PPPK: jp }, policyParticipationJp: jp, minActivities: count },
        ...{ minimumAttendance: share, minSeniorityYears: years, maxActiveMentees: Math.max(1, count) },
        ...{ sessionMinutes: { min: minutes, max: minutes }, complaint: days(n) },
      })
      expect(checkedPolicy(built)).toBe(built)
    }
  })
})
