import { type Rejection, type RejectionCode, rejectionCatalog } from '../kernel/index.js'

/** The rejections of the complaint decider: each code with its English message and Indonesian term. */
export const complaintRejections = rejectionCatalog({
  'complaint-not-filed': { message: 'No complaint has been filed under this id', term: 'pengaduan belum diterima' },
  'already-filed': { message: 'Another complaint was already filed under this id', term: 'pengaduan sudah tercatat' },
  'wrong-complaint': {
    message: 'The command names a different complaint than this stream holds',
    term: 'pengaduan tidak sesuai',
  },
  'out-of-order': {
    message: 'The command is dated before the last recorded fact of this complaint',
    term: 'tanggal sebelum fakta terakhir',
  },
  'complaint-ended': {
    message: 'The complaint has ended (closed, archived, not within authority, deemed withdrawn or escalated)',
    term: 'pengaduan sudah selesai',
  },
  'service-date-in-future': {
    message: 'The date of the service cannot be after the day of filing',
    term: 'tanggal pelayanan',
  },
  'filing-window-passed': {
    message: 'A complaint must be filed within the filing window after the service (UU 25/2009 Pasal 42)',
    term: 'batas waktu pengajuan pengaduan',
  },
  'offline-channel-required': {
    message: 'The complaint desk files on a citizen’s behalf only through an offline channel (loket, surat, telepon)',
    term: 'pengaduan luring',
  },
  'confidentiality-cannot-be-lowered': {
    message: 'The anonymous and confidential flags can be raised but never lowered',
    term: 'kerahasiaan identitas (anonim/rahasia)',
  },
  'completion-pending': {
    message: 'The complaint is waiting for the complainant to complete it',
    term: 'menunggu kelengkapan',
  },
  'completion-not-requested': {
    message: 'No completion of this complaint was requested',
    term: 'kelengkapan pengaduan',
  },
  'already-verified': { message: 'The complaint was already verified', term: 'sudah diverifikasi' },
  'not-verified': { message: 'The complaint must be verified first', term: 'belum diverifikasi' },
  'already-disposed': { message: 'The complaint was already routed to a unit and officer', term: 'sudah didisposisi' },
  'not-disposed': { message: 'The complaint must be routed to a unit and officer first', term: 'belum didisposisi' },
  'no-follow-up': { message: 'A complaint is decided only after a follow-up', term: 'belum ada tindak lanjut' },
  'already-decided': { message: 'The complaint was already decided', term: 'sudah diputuskan' },
  'not-decided': { message: 'The complaint must be decided first', term: 'belum diputuskan' },
  'not-notified': {
    message: 'A decided complaint is closed as resolved only after the complainant is notified of the decision',
    term: 'belum diberitahukan',
  },
  'already-rated': { message: 'Satisfaction was already rated for this complaint', term: 'penilaian kepuasan' },
  'desk-officer-only': {
    message: 'Only a complaint desk officer (admin-pengaduan) may do this',
    term: 'petugas pengelola pengaduan',
  },
  'citizen-or-desk-only': {
    message: 'Only the complainant or a complaint desk officer may do this',
    term: 'pengadu atau petugas',
  },
  'citizen-only': { message: 'Only the complainant may do this', term: 'pengadu' },
  'officer-or-pyb-only': {
    message: 'Only the handling officer or an authorised official (PyB) may do this',
    term: 'petugas penanganan atau pejabat yang berwenang',
  },
  'system-only': { message: 'Only the system timer checks deadlines', term: 'hanya pewaktu sistem' },
  'not-the-complainant': { message: 'This citizen is not the complainant', term: 'bukan pengadu' },
  'tracking-token-required': {
    message: 'An anonymous complaint is filed with the digest of the tracking token handed to its complainant',
    term: 'token pelacakan wajib untuk pengaduan anonim',
  },
  'wrong-data-subject': {
    message: "A personal field is sealed for another data subject than the complaint's",
    term: 'subjek data pribadi tidak sesuai',
  },
})

/** The codes of every reason a complaint command can be refused. */
export type ComplaintRejectionCode = RejectionCode<typeof complaintRejections>

/** Why a complaint command was refused: a stable code, an English message and the Indonesian term. */
export type ComplaintRejection = Rejection<ComplaintRejectionCode>
