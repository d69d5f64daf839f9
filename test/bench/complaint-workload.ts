// The personal-data benchmark's workload: complaints at Puskesmas Belawan, each through the lifecycle the domain has
// (file with the complainant's name, contact and description, verify, dispose, follow up, decide, notify, rate with a
// comment, close): eight commands, six of their fields personal. Ours brings the fields in clear to a sealing handler;
// the baseline brings the same commands with stand-in envelopes made up front, the same size as real ones.
import { randomBytes } from 'node:crypto'
import {
  type Actor,
  type ComplaintCommand,
  type ComplaintInput,
  type Instant,
  instant,
  localDate,
  nip,
  type PersonalData,
} from '@pembina/core'

/** Commands handled per complaint: file, verify, dispose, follow up, decide, notify, rate, close. */
export const commandsPerComplaint = 8

/** Sealed fields per complaint: complainant, contact, description, the follow-up, the answer, the rating's comment. */
export const fieldsPerComplaint = 6

const desk: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['asn', 'admin-pengaduan'] }
const officerNip = nip('197505122001121002')
const officer: Actor = { kind: 'asn', nip: officerNip, roles: ['asn'] }
const at = (day: number, hour: number): Instant =>
  instant(`2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+07:00`)
const times = [at(2, 9), at(3, 9), at(3, 10), at(5, 9), at(9, 9), at(10, 9), at(12, 9), at(13, 9)] as const
const timeOf = (step: number): Instant => times[step] ?? at(13, 9)

/** Who opens a complaint's sealed fields to show the case, and why: what the decryption log records. */
export const showingAccess = { who: officerNip, purpose: 'menindaklanjuti pengaduan', at: '2026-03-13T10:00:00+07:00' }

/** The i-th complaint's id: `pd-000042`. */
export const complaintIdOf = (index: number): string => `pd-${String(index).padStart(6, '0')}`

/** The data subject of the i-th complaint: a citizen of its own (a new key for every complaint). */
export const subjectOf = (index: number): string => `warga-${String(index).padStart(6, '0')}`

/** The clear texts of the i-th complaint, by the sealed field they go to. */
export interface ComplaintTexts {
  readonly complainant: string
  readonly contact: string
  readonly description: string
  readonly followUp: string
  readonly decision: string
  readonly comment: string
}

const names = ['Siti Aminah Lubis', 'Rahmat Hidayat Nasution', 'Dewi Sartika Siregar', 'Ahmad Fauzi Harahap']
const complaints = [
  'Anak saya demam berdarah, ditolak di IGD karena kartu BPJS belum aktif, padahal iuran sudah dibayar bulan lalu.',
  'Hasil pemeriksaan laboratorium saya dibacakan keras-keras di ruang tunggu sehingga didengar pasien lain.',
  'Obat insulin ibu saya tidak tersedia selama dua minggu dan kami disuruh membeli sendiri di apotek luar.',
  'Antrean di loket pendaftaran lebih dari tiga jam, petugas datang terlambat dan loket kedua tidak dibuka.',
]

/** The clear texts of the i-th complaint: a name, a NIK and phone, a description of a few sentences, and the rest. */
export const textsOf = (index: number): ComplaintTexts => {
  const name = names[index % names.length] ?? 'Warga'
  const serial = String(index).padStart(6, '0')
  return {
    complainant: name,
    contact: `NIK 1271015506${serial}, HP 0812${serial}34, Jl. Veteran Gg. Mawar No. ${index % 90}, Belawan`,
    description: `${complaints[index % complaints.length] ?? ''} Kejadian pada kunjungan nomor ${serial}.`,
    followUp: `Petugas menghubungi ${name} dan memeriksa catatan kunjungan ${serial}; kepala puskesmas telah menegur petugas.`,
    decision: `Kepada ${name}: pengaduan Anda diterima dan ditindaklanjuti; prosedur loket diperbaiki mulai bulan depan.`,
    comment: `Terima kasih, masalah kunjungan ${serial} sudah selesai ditangani dengan baik.`,
  }
}

/** Clear texts of a command, or sealed envelopes: what the two sides' commands carry in their personal fields. */
interface Fields<Field> {
  readonly complainant: Field
  readonly contact: Field
  readonly description: Field
  readonly followUp: Field
  readonly decision: Field
  readonly comment: Field
}

/** The `step`-th command (0 to 7) of the i-th complaint, its personal fields given. */
const commandOf = <Field>(index: number, step: number, fields: Fields<Field>) => {
  const complaintId = complaintIdOf(index)
  const citizen: Actor = { kind: 'citizen', subjectId: subjectOf(index) }
  const when = timeOf(step)
  switch (step) {
    case 0:
      return {
        type: 'FileComplaint',
        at: when,
        actor: citizen,
        data: {
          complaintId,
          trackingId: `BLW-2026-${String(index).padStart(6, '0')}`,
          unit: 'Puskesmas Belawan',
          category: 'pengaduan',
          description: fields.description,
          serviceDate: localDate('2026-03-01'),
          channel: 'web',
          anonymous: false,
          confidential: false,
          complainant: fields.complainant,
          contact: fields.contact,
        },
      } as const
    case 1:
      return { type: 'VerifyComplaint', at: when, actor: desk, data: { complaintId } } as const
    case 2:
      return {
        type: 'DisposeComplaint',
        at: when,
        actor: desk,
        data: { complaintId, unit: 'Puskesmas Belawan', officerNip },
      } as const
    case 3:
      return {
        type: 'RecordFollowUp',
        at: when,
        actor: officer,
        data: { complaintId, followUpId: 'tl-1', text: fields.followUp },
      } as const
    case 4:
      return {
        type: 'DecideComplaint',
        at: when,
        actor: officer,
        data: { complaintId, decision: fields.decision, upheld: true },
      } as const
    case 5:
      return { type: 'NotifyComplainant', at: when, actor: desk, data: { complaintId, channel: 'whatsapp' } } as const
    case 6:
      return {
        type: 'RateSatisfaction',
        at: when,
        actor: citizen,
        data: { complaintId, rating: 4, comment: fields.comment },
      } as const
    default:
      return { type: 'CloseComplaint', at: when, actor: desk, data: { complaintId } } as const
  }
}

const clearFields = (texts: ComplaintTexts): Fields<string> => texts

/** The `step`-th command of the i-th complaint as a service receives it: its personal fields in clear. */
export const complaintInput = (index: number, step: number): ComplaintInput =>
  commandOf(index, step, clearFields(textsOf(index)))

/**
 * A stand-in for the envelope sealing `clear` for `subjectId`: the shape and size of a real one (the subject's key id,
 * a 12-byte IV, a 16-byte tag and as many bytes as the UTF-8 text), random bytes for ciphertext. No key, no crypto.
 */
export const standInEnvelope = (subjectId: string, clear: string): PersonalData => ({
  subjectId,
  keyId: `${subjectId}#1`,
  algorithm: 'AES-256-GCM',
  ciphertext: randomBytes(28 + Buffer.byteLength(clear, 'utf8')).toString('base64'),
})

/** The `step`-th command of the i-th complaint with stand-in envelopes for its personal fields, made up front. */
export const complaintCommand = (index: number, step: number): ComplaintCommand => {
  const texts = textsOf(index)
  const subjectId = subjectOf(index)
  const envelope = (clear: string): PersonalData => standInEnvelope(subjectId, clear)
  return commandOf(index, step, {
    complainant: envelope(texts.complainant),
    contact: envelope(texts.contact),
    description: envelope(texts.description),
    followUp: envelope(texts.followUp),
    decision: envelope(texts.decision),
    comment: envelope(texts.comment),
  })
}

/** One command of the workload with the command id a client would give it (`pd-000042/3`). */
export interface WorkloadItem<Command> {
  readonly index: number
  readonly step: number
  readonly commandId: string
  readonly command: Command
}

/**
 * The workload in the order it is handled: command `step` of every complaint, then `step + 1` (cases move along side
 * by side, as a desk's do), each with its command id.
 */
export const complaintWorkload = <Command>(
  complaints: number,
  build: (index: number, step: number) => Command,
): readonly WorkloadItem<Command>[] =>
  Array.from({ length: commandsPerComplaint }, (_, step) =>
    Array.from({ length: complaints }, (_, index) => ({
      index,
      step,
      commandId: `${complaintIdOf(index)}/${step}`,
      command: build(index, step),
    })),
  ).flat()
