import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import {
  type DecodeFailure,
  decodeWith,
  formatDecodeFailure,
  knownKeysOnly,
  oneOf,
  refine,
  textLine,
  wholeNumber,
} from '../kernel/decode.js'
import { type WorkingCalendar, workingCalendar } from './calendar.js'
import { type Competency, TeknisCode } from './competency-code.js'
import { jpToMinutes } from './minutes.js'
import { LocalDate } from './time.js'

/** Every policy parameter DOMAIN.md marks configurable, in one typed value. Defaults: `defaultPolicy`. */
export interface PolicyConfig {
  readonly learning: {
    /** Minimum learning per year in minutes: PNS 20 JP (PP 11/2017 Pasal 203(4)), PPPK 24 JP (PP 49/2018 Pasal 40(1)). */
    readonly annualMinimumMinutes: { readonly PNS: number; readonly PPPK: number }
    /** Minutes a policy consultation credits toward JP (default 0: it counts as an activity only). */
    readonly policyParticipationMinutes: number
  }
  readonly incentive: {
    /** Distinct completed activities needed for the development incentive (default 2). */
    readonly minActivities: number
  }
  readonly enrollment: {
    /** Share of session days a participant must attend to complete, 0–1 (default 0.8). */
    readonly minimumAttendance: number
  }
  readonly mentorship: {
    /**
     * Years of seniority a mentor needs over the mentee, unless of higher rank (default 2): from the NIPs' appointment
     * months, or from the records' TMT when a handler has a personnel directory.
     */
    readonly minSeniorityYears: number
    /**
     * Active mentorships a mentor may hold at once (default 5): kept in the mentor's roster stream (`mentor-<nip>`),
     * where each acceptance reserves a place, so two acceptances at once never pass it.
     */
    readonly maxActiveMentees: number
    /** Allowed session length in minutes (default 15–480). */
    readonly sessionMinutes: { readonly min: number; readonly max: number }
    /** What mentoring earns the mentor: an activity only (default), or also the session minutes as JP. */
    readonly mentorCredit: 'activity' | 'activity-and-minutes'
  }
  readonly complaint: {
    /** Calendar days after the service within which a complaint may be filed (UU 25/2009 Pasal 42; default 30). */
    readonly filingWindowDays: number
    /** Working days from receipt to verification and disposition (LAPOR!; default 3). */
    readonly verificationWorkingDays: number
    /** Calendar days a complainant has to complete an incomplete complaint before it is deemed withdrawn (Pasal 44; default 30). */
    readonly completionWindowDays: number
    /** Working days from disposition to the unit's follow-up (LAPOR!; default 5). */
    readonly followUpWorkingDays: number
    /** Calendar days from the complete file to the decision (Pasal 50; default 60). */
    readonly decisionDays: number
    /** Calendar days from the decision to notifying the complainant (Pasal 50; default 14). */
    readonly notificationDays: number
    /**
     * Working days with no answer before the complaint closes by itself (LAPOR! practice; default 10): after the
     * follow-up when neither side answers, and after the notification when the complainant does not.
     */
    readonly autoCloseWorkingDays: number
    /** Calendar days after a complaint closed within which its complainant may still rate it (default 30). */
    readonly ratingWindowDays: number
  }
  /** Working days: Monday–Friday minus these holidays (default: no holidays). */
  readonly calendar: WorkingCalendar
  /**
   * The agency's catalogue of teknis competencies, code to name (DOMAIN.md: each agency defines its own). When given, a
   * teknis code outside it is refused where a person names a competency (an offering, a standard, an assessment, a
   * plan); null (the default) accepts any teknis code.
   */
  readonly teknisCompetencies: Readonly<Record<string, string>> | null
  /**
   * The codes an NI PPPK may carry in digits 13-14 (default `21`, the code published NI PPPK carry; not verified against
   * a BKN regulation): a PPPK profile registered under another code is refused.
   */
  readonly niPppkCodes: readonly string[]
}

/** The defaults of DOMAIN.md. */
export const defaultPolicy: PolicyConfig = {
  learning: { annualMinimumMinutes: { PNS: jpToMinutes(20), PPPK: jpToMinutes(24) }, policyParticipationMinutes: 0 },
  incentive: { minActivities: 2 },
  enrollment: { minimumAttendance: 0.8 },
  mentorship: {
    minSeniorityYears: 2,
    maxActiveMentees: 5,
    sessionMinutes: { min: 15, max: 480 },
    mentorCredit: 'activity',
  },
  complaint: {
    filingWindowDays: 30,
    verificationWorkingDays: 3,
    completionWindowDays: 30,
    followUpWorkingDays: 5,
    decisionDays: 60,
    notificationDays: 14,
    autoCloseWorkingDays: 10,
    ratingWindowDays: 30,
  },
  calendar: workingCalendar(),
  teknisCompetencies: null,
  niPppkCodes: ['21'],
}

/** Whether a competency is one the configuration knows: always for manajerial and sosial-kultural ones. */
export const isKnownCompetency = (config: PolicyConfig, competency: Competency): boolean =>
  competency.type !== 'teknis' ||
  config.teknisCompetencies === null ||
  Object.hasOwn(config.teknisCompetencies, competency.code)

const share = refine(t.number, (n): n is number => n > 0 && n <= 1, 'Share', 'must be a number above 0 and at most 1')
const days = wholeNumber(1, 365, 'Days')
const jp = refine(t.number, (n): n is number => n >= 0 && n <= 1000, 'Jp', 'must be a number of JP from 0 to 1000')

// The complaint deadlines, each a whole number of days from 1 to 365.
const complaintDays = {
  filingWindowDays: days,
  verificationWorkingDays: days,
  completionWindowDays: days,
  followUpWorkingDays: days,
  decisionDays: days,
  notificationDays: days,
  autoCloseWorkingDays: days,
  ratingWindowDays: days,
}

// The name of a teknis competency in the agency's catalogue.
const competencyName = textLine(200, 'CompetencyName')

// The agency's teknis catalogue, code to name. Every key is checked as a code and named when it is not one (io-ts's own
// record with a refined key type drops such keys without a word, which would hide a misspelt code).
const catalogueNames = t.record(t.string, competencyName)
// A catalogue larger than any agency's: a bound, not a policy.
const maxCatalogueEntries = 10_000
const TeknisCatalogue = new t.Type<Readonly<Record<string, string>>, Readonly<Record<string, string>>>(
  'TeknisCompetencies',
  (u): u is Readonly<Record<string, string>> =>
    catalogueNames.is(u) &&
    Object.keys(u).length <= maxCatalogueEntries &&
    Object.keys(u).every(key => TeknisCode.is(key)),
  (u, c) => {
    const names = catalogueNames.validate(u, c)
    if (E.isLeft(names)) return names
    if (Object.keys(names.right).length > maxCatalogueEntries)
      return t.failure(u, c, `must list at most ${maxCatalogueEntries} competencies`)
    const badKeys = Object.keys(names.right).filter(key => !TeknisCode.is(key))
    if (badKeys.length === 0) return names
    return t.failures(
      badKeys.map(key => ({
        value: key,
        context: t.appendContext(c, key, TeknisCode, key),
        message: 'is not a teknis code: 1 to 100 visible characters without spaces, not M.01-M.08 or SK.01',
      })),
    )
  },
  t.identity,
)

// An NI PPPK code: the two digits 13-14 of an NI PPPK, which a month (01-12) cannot be.
const NiPppkCode = refine(
  t.string,
  (s): s is string => /^\d{2}$/.test(s) && Number(s) >= 13,
  'NiPppkCode',
  'must be two digits from 13 to 99 (01-12 are months: a NIP)',
)

// Lists a configuration holds, bounded so a file cannot grow a decider's state without limit: 1,000 holidays is
// about fifty years of them; every NI PPPK code (13 to 99) once.
const Holidays = refine(
  t.readonlyArray(LocalDate),
  (days): days is readonly LocalDate[] => days.length <= 1_000,
  'Holidays',
  'must list at most 1000 holidays',
)
const NiPppkCodes = refine(
  t.readonlyArray(NiPppkCode),
  (codes): codes is readonly string[] => codes.length <= 87 && new Set(codes).size === codes.length,
  'NiPppkCodes',
  'must list each code at most once',
)

// An object of settings, every one optional; a key it does not list is refused, naming it.
const settings = <P extends t.Props>(props: P, name: string) =>
  knownKeysOnly(t.exact(t.partial(props), name), Object.keys(props))

/**
 * Codec for policy configuration as JSON (a file, environment, a service's settings): every field optional,
 * JP for annual minimums, holidays as a list of dates. A key it does not know is refused, naming it (a misspelt
 * setting would otherwise leave its default silently in force).
 */
export const PolicyConfigInput = settings(
  {
    annualMinimumJp: settings({ PNS: jp, PPPK: jp }, 'AnnualMinimumJp'),
    policyParticipationJp: jp,
    minActivities: wholeNumber(0, 100),
    minimumAttendance: share,
    minSeniorityYears: wholeNumber(0, 40),
    maxActiveMentees: wholeNumber(1, 100),
    sessionMinutes: knownKeysOnly(
      t.strict({ min: wholeNumber(1, 1440), max: wholeNumber(1, 1440) }, 'SessionMinutes'),
      ['min', 'max'],
    ),
    mentorCredit: oneOf(['activity', 'activity-and-minutes']),
    complaint: settings(complaintDays, 'ComplaintDeadlines'),
    holidays: Holidays,
    teknisCompetencies: TeknisCatalogue,
    niPppkCodes: NiPppkCodes,
  },
  'PolicyConfigInput',
)
/** Policy configuration as JSON input; see `PolicyConfigInput`. */
export type PolicyConfigInput = t.TypeOf<typeof PolicyConfigInput>

const build = (input: PolicyConfigInput): PolicyConfig => ({
  learning: {
    annualMinimumMinutes: {
      PNS:
        input.annualMinimumJp?.PNS === undefined
          ? defaultPolicy.learning.annualMinimumMinutes.PNS
          : jpToMinutes(input.annualMinimumJp.PNS),
      PPPK:
        input.annualMinimumJp?.PPPK === undefined
          ? defaultPolicy.learning.annualMinimumMinutes.PPPK
          : jpToMinutes(input.annualMinimumJp.PPPK),
    },
    policyParticipationMinutes:
      input.policyParticipationJp === undefined
        ? defaultPolicy.learning.policyParticipationMinutes
        : jpToMinutes(input.policyParticipationJp),
  },
  incentive: { minActivities: input.minActivities ?? defaultPolicy.incentive.minActivities },
  enrollment: { minimumAttendance: input.minimumAttendance ?? defaultPolicy.enrollment.minimumAttendance },
  mentorship: {
    minSeniorityYears: input.minSeniorityYears ?? defaultPolicy.mentorship.minSeniorityYears,
    maxActiveMentees: input.maxActiveMentees ?? defaultPolicy.mentorship.maxActiveMentees,
    sessionMinutes: input.sessionMinutes ?? defaultPolicy.mentorship.sessionMinutes,
    mentorCredit: input.mentorCredit ?? defaultPolicy.mentorship.mentorCredit,
  },
  complaint: { ...defaultPolicy.complaint, ...input.complaint },
  calendar: input.holidays === undefined ? defaultPolicy.calendar : workingCalendar(input.holidays),
  teknisCompetencies: input.teknisCompetencies ?? defaultPolicy.teknisCompetencies,
  niPppkCodes: input.niPppkCodes ?? defaultPolicy.niPppkCodes,
})

/** Decodes JSON policy configuration and builds it; a bad field comes back as a `DecodeFailure` naming it. */
export const decodePolicyConfig = (input: unknown): E.Either<DecodeFailure, PolicyConfig> =>
  E.chain((decoded: PolicyConfigInput): E.Either<DecodeFailure, PolicyConfig> => {
    const session = decoded.sessionMinutes
    if (session !== undefined && session.min > session.max)
      return E.left({
        _tag: 'DecodeFailure',
        what: 'PolicyConfigInput',
        issues: [{ path: 'sessionMinutes', rule: 'min must not exceed max', value: session }],
      })
    return E.right(build(decoded))
  })(decodeWith(PolicyConfigInput)(input))

/**
 * Builds a policy configuration from the defaults and the given overrides, for settings written in code. Throws a
 * RangeError naming the field and rule when a value is out of range (a decider must never meet one: 0 working days
 * would make a deadline check throw); use `decodePolicyConfig` for settings read from outside.
 */
export const policyConfig = (input: PolicyConfigInput = {}): PolicyConfig => {
  const config = decodePolicyConfig(input)
  if (E.isLeft(config)) throw new RangeError(formatDecodeFailure(config.left))
  return config.right
}

const minutesValue = refine(
  t.number,
  (n): n is number => n >= 0 && n <= jpToMinutes(1000),
  'Minutes',
  `must be a number of minutes from 0 to ${jpToMinutes(1000)}`,
)
const minutesRange = wholeNumber(1, 1440)

// The numbers of a built `PolicyConfig`, under the rules `PolicyConfigInput` sets on the values they come from.
const PolicyConfigValues = t.type(
  {
    learning: t.type({
      annualMinimumMinutes: t.type({ PNS: minutesValue, PPPK: minutesValue }),
      policyParticipationMinutes: minutesValue,
    }),
    incentive: t.type({ minActivities: wholeNumber(0, 100) }),
    enrollment: t.type({ minimumAttendance: share }),
    mentorship: t.type({
      minSeniorityYears: wholeNumber(0, 40),
      maxActiveMentees: wholeNumber(1, 100),
      sessionMinutes: t.type({ min: minutesRange, max: minutesRange }),
      mentorCredit: oneOf(['activity', 'activity-and-minutes']),
    }),
    complaint: t.type(complaintDays),
    teknisCompetencies: t.union([t.null, TeknisCatalogue]),
    niPppkCodes: NiPppkCodes,
  },
  'PolicyConfig',
)

/**
 * The configuration as it is, once every value is checked against the rules `PolicyConfigInput` sets: each decider
 * runs it when it is built, so a configuration assembled by hand (`{ ...defaultPolicy, … }`) with a value out of
 * range fails there, with a RangeError naming the field and rule, and never later inside `decide`.
 */
export const checkedPolicy = (config: PolicyConfig): PolicyConfig => {
  const checked = decodeWith(PolicyConfigValues)(config)
  if (E.isLeft(checked)) throw new RangeError(formatDecodeFailure(checked.left))
  const session = config.mentorship.sessionMinutes
  if (session.min > session.max) throw new RangeError('PolicyConfig: mentorship.sessionMinutes min must not exceed max')
  return config
}
