import { type Rejection, rejection } from '../kernel/index.js'

const reasons = {
  'not-authorised': ['The actor does not hold the role this step of enrollment needs', 'tidak berwenang'],
  'offering-not-open': ['No offering has been opened in this stream', undefined],
  'offering-already-opened': ['The offering was already opened with different terms', undefined],
  'wrong-offering': ["The command names another offering than this stream's", undefined],
  'jp-out-of-range': ['The JP awarded do not convert to a valid number of minutes', undefined],
  'atasan-is-participant': [
    'The atasan who approves a place must be someone other than the participant',
    'atasan langsung',
  ],
  'offering-started': [
    'Places are requested, approved, declined and withdrawn only before the offering starts',
    undefined,
  ],
  'offering-not-started': ['The offering has not started yet', undefined],
  'start-date-not-reached': ['The offering cannot start before its start date (Asia/Jakarta)', undefined],
  'offering-not-ended': ['Places are concluded only from the end date of the offering (Asia/Jakarta)', undefined],
  'offering-cancelled': ['The offering was cancelled', 'dibatalkan'],
  'offering-closed': ['The offering was closed', 'ditutup'],
  'place-not-found': ['The ASN has no place in this offering', undefined],
  'place-ended': ['The place was declined, withdrawn or cancelled; one place per ASN per offering', undefined],
  'place-not-pending': ['Only a pending place can be declined', undefined],
  'place-not-approved': ['Only an approved place takes part in the offering', 'belum disetujui atasan'],
  'place-concluded': ['The place already has its outcome; its records can no longer change', undefined],
  'capacity-reached': ['Approved places may not exceed the capacity of the offering', 'kuota penuh'],
  'not-a-session-day': ['The date is not a session day of the offering (between its start and end dates)', undefined],
  'date-in-future': ['Attendance cannot be recorded for a date after the local date of the command', undefined],
  'not-assessed': ['The offering has no pass mark, so no score is recorded', undefined],
  'places-without-outcome': ['Every approved place needs an outcome before the offering is closed', undefined],
} as const satisfies Readonly<Record<string, readonly [string, string | undefined]>>

/** Every reason the enrollment decider refuses a command, as a stable kebab-case code. */
export type EnrollmentRejectionCode = keyof typeof reasons

/** Why the enrollment decider refused a command: a code, an English message, the Indonesian term where one exists. */
export type EnrollmentRejection = Rejection<EnrollmentRejectionCode>

/** The rejection for a code, with its English message and Indonesian term. */
export const enrollmentRejection = (code: EnrollmentRejectionCode): EnrollmentRejection => {
  const [message, term] = reasons[code]
  return rejection(code, message, term)
}
