import * as E from 'fp-ts/lib/Either.js'
import { type Rejection, rejection } from '../kernel/index.js'

const catalog = {
  'complaint-not-filed': ['No complaint has been filed under this id', 'pengaduan belum diterima'],
  'already-filed': ['Another complaint was already filed under this id', 'pengaduan sudah tercatat'],
  'wrong-complaint': ['The command names a different complaint than this stream holds', undefined],
  'out-of-order': ['The command is dated before the last recorded fact of this complaint', undefined],
  'complaint-ended': [
    'The complaint has ended (closed, archived, not within authority, deemed withdrawn or escalated)',
    'pengaduan sudah selesai',
  ],
  'service-date-in-future': ['The date of the service cannot be after the day of filing', 'tanggal pelayanan'],
  'filing-window-passed': [
    'A complaint must be filed within the filing window after the service (UU 25/2009 Pasal 42)',
    'batas waktu pengajuan pengaduan',
  ],
  'offline-channel-required': [
    'The complaint desk files on a citizen’s behalf only through an offline channel (loket, surat, telepon)',
    'pengaduan luring',
  ],
  'confidentiality-cannot-be-lowered': [
    'The anonymous and confidential flags can be raised but never lowered',
    'kerahasiaan identitas (anonim/rahasia)',
  ],
  'completion-pending': ['The complaint is waiting for the complainant to complete it', 'menunggu kelengkapan'],
  'completion-not-requested': ['No completion of this complaint was requested', 'kelengkapan pengaduan'],
  'already-verified': ['The complaint was already verified', 'sudah diverifikasi'],
  'not-verified': ['The complaint must be verified first', 'belum diverifikasi'],
  'already-disposed': ['The complaint was already routed to a unit and officer', 'sudah didisposisi'],
  'not-disposed': ['The complaint must be routed to a unit and officer first', 'belum didisposisi'],
  'no-follow-up': ['A complaint is decided only after a follow-up', 'belum ada tindak lanjut'],
  'already-decided': ['The complaint was already decided', 'sudah diputuskan'],
  'not-decided': ['The complaint must be decided first', 'belum diputuskan'],
  'already-rated': ['Satisfaction was already rated for this complaint', 'penilaian kepuasan'],
  'desk-officer-only': ['Only a complaint desk officer (admin-pengaduan) may do this', 'petugas pengelola pengaduan'],
  'citizen-or-desk-only': ['Only the complainant or a complaint desk officer may do this', 'pengadu atau petugas'],
  'citizen-only': ['Only the complainant may do this', 'pengadu'],
  'officer-or-pyb-only': [
    'Only the handling officer or an authorised official (PyB) may do this',
    'petugas penanganan atau pejabat yang berwenang',
  ],
  'system-only': ['Only the system timer checks deadlines', undefined],
  'not-the-complainant': ['This citizen is not the complainant', 'bukan pengadu'],
} as const satisfies Readonly<Record<string, readonly [string, string | undefined]>>

/** The codes of every reason a complaint command can be refused. */
export type ComplaintRejectionCode = keyof typeof catalog

/** Why a complaint command was refused: a stable code, an English message and the Indonesian term. */
export type ComplaintRejection = Rejection<ComplaintRejectionCode>

/** Every complaint rejection code, for documentation and exhaustive tests. */
export const complaintRejectionCodes = Object.keys(catalog).filter(
  (code): code is ComplaintRejectionCode => code in catalog,
)

/** The rejection for a code, with its message and term. */
export const complaintRejection = (code: ComplaintRejectionCode): ComplaintRejection => {
  const [message, term] = catalog[code]
  return rejection(code, message, term)
}

/** Refuses a complaint command with the rejection for a code. */
export const refuseComplaint = (code: ComplaintRejectionCode): E.Either<ComplaintRejection, never> =>
  E.left(complaintRejection(code))
