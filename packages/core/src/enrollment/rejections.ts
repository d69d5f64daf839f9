import { type Rejection, type RejectionCode, rejectionCatalog } from '../kernel/index.js'
import { relationMessages, relationTerms } from '../shared/index.js'

/** Every rejection of the enrollment decider: its code, English message and Indonesian term. */
export const enrollmentRejections = rejectionCatalog({
  'not-authorised': {
    message: 'The actor does not hold the role this step of enrollment needs',
    term: 'tidak berwenang',
  },
  'offering-not-open': { message: 'No offering has been opened in this stream', term: 'pelatihan belum dibuka' },
  'offering-already-opened': {
    message: 'The offering was already opened with different terms',
    term: 'pelatihan sudah dibuka',
  },
  'wrong-offering': {
    message: "The command names another offering than this stream's",
    term: 'pelatihan tidak sesuai',
  },
  'jp-out-of-range': {
    message: 'The JP awarded do not convert to a valid number of minutes',
    term: 'jam pelajaran (JP)',
  },
  'asn-not-registered': { message: relationMessages['asn-not-registered'], term: relationTerms['asn-not-registered'] },
  'asn-not-serving': { message: relationMessages['asn-not-serving'], term: relationTerms['asn-not-serving'] },
  'not-direct-atasan': { message: relationMessages['not-direct-atasan'], term: relationTerms['not-direct-atasan'] },
  'atasan-is-participant': {
    message: 'The atasan who approves a place must be someone other than the participant',
    term: 'atasan langsung',
  },
  'offering-started': {
    message: 'Places are requested, approved, declined and withdrawn only before the offering starts',
    term: 'pelatihan sudah dimulai',
  },
  'offering-not-started': { message: 'The offering has not started yet', term: 'pelatihan belum dimulai' },
  'start-date-not-reached': {
    message: 'The offering cannot start before its start date (Asia/Jakarta)',
    term: 'belum tanggal mulai',
  },
  'offering-not-ended': {
    message: 'Places are concluded only from the end date of the offering (Asia/Jakarta)',
    term: 'pelatihan belum berakhir',
  },
  'offering-cancelled': { message: 'The offering was cancelled', term: 'dibatalkan' },
  'offering-closed': { message: 'The offering was closed', term: 'ditutup' },
  'place-not-found': { message: 'The ASN has no place in this offering', term: 'bukan peserta' },
  'place-ended': {
    message: 'The place was declined, withdrawn or cancelled; one place per ASN per offering',
    term: 'pendaftaran tidak berlaku',
  },
  'place-not-pending': { message: 'Only a pending place can be declined', term: 'tidak menunggu persetujuan' },
  'place-not-approved': {
    message: 'Only an approved place takes part in the offering',
    term: 'belum disetujui atasan',
  },
  'place-concluded': {
    message: 'The place already has its outcome; its records can no longer change',
    term: 'hasil peserta sudah ditetapkan',
  },
  'capacity-reached': { message: 'Approved places may not exceed the capacity of the offering', term: 'kuota penuh' },
  'not-a-session-day': {
    message: 'The date is not a session day of the offering (its schedule lists its session days)',
    term: 'bukan hari pelaksanaan',
  },
  'date-in-future': {
    message: 'Attendance cannot be recorded for a date after the local date of the command',
    term: 'tanggal belum tiba',
  },
  'not-assessed': { message: 'The offering has no pass mark, so no score is recorded', term: 'tanpa nilai kelulusan' },
  'places-without-outcome': {
    message: 'Every approved place needs an outcome before the offering is closed',
    term: 'hasil peserta belum lengkap',
  },
  'unknown-competency': {
    message: (code: string) => `Teknis competency ${code} is not in the agency's catalogue (teknisCompetencies)`,
    term: 'kompetensi teknis tidak terdaftar',
  },
  'no-session-day': {
    message: 'The schedule has no session day: no working day of the calendar falls from its start to its end',
    term: 'tidak ada hari pelaksanaan',
  },
})

/** Every reason the enrollment decider refuses a command, as a stable kebab-case code. */
export type EnrollmentRejectionCode = RejectionCode<typeof enrollmentRejections>

/** Why the enrollment decider refused a command: a code, an English message, the Indonesian term. */
export type EnrollmentRejection = Rejection<EnrollmentRejectionCode>
