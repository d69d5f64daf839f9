// The Belawan scenario the load run and the tests send through the service's HTTP API: the personnel registry (the
// Pemko Medan, the puskesmas, its head and staff), training offerings, places, and public complaints.
import { Nip } from '@pembina/core'
import type { Claims } from '../src/auth.js'

/** A command as a client sends it: the aggregate in its URL, its `Idempotency-Key`, who sends it, and its body. */
export interface ScenarioCommand {
  readonly category: string
  readonly key: string
  readonly as: Claims
  readonly body: { readonly type: string; readonly data: Readonly<Record<string, unknown>> }
}

/** The Sekretaris Daerah: the pyb who keeps the registry and opens offerings. */
export const sekdaNip = '196608011988031001'
/** The head of Puskesmas Belawan: the direct atasan of its staff. */
export const headNip = '197503102000031001'
/** The complaint desk officer (admin pengaduan) of the puskesmas. */
export const deskNip = '198402142009022001'
/** The puskesmas, as the profiles and the complaints name it, and its id in the registry. */
export const puskesmas = { name: 'Puskesmas Belawan', unitId: 'puskesmas-belawan' } as const

/** The NIP of the i-th member of staff (0 to 998): born 1 January 1990, appointed January 2015. */
export const staffNip = (i: number): string => `199001012015011${String(i + 1).padStart(3, '0')}`

/** A NIP of the scenario, checked by the codec (a typo in one fails at once). */
const nipOf = (nip: string): Nip => {
  if (!Nip.is(nip)) throw new RangeError(`${nip} is not a valid NIP`)
  return nip
}

export const pyb: Claims = { kind: 'asn', sub: nipOf(sekdaNip), roles: ['asn', 'pyb', 'admin-pelatihan'] }
export const head: Claims = { kind: 'asn', sub: nipOf(headNip), roles: ['asn', 'atasan'] }
/** The head of the puskesmas, acting as a mentor. */
export const headAsMentor: Claims = { kind: 'asn', sub: nipOf(headNip), roles: ['asn', 'atasan', 'mentor'] }
export const desk: Claims = { kind: 'asn', sub: nipOf(deskNip), roles: ['asn', 'admin-pengaduan'] }
/** A member of staff, acting for themself. */
export const staff = (i: number): Claims => ({ kind: 'asn', sub: nipOf(staffNip(i)), roles: ['asn'] })
/** A citizen under a pseudonym (their account at the city's complaint portal, say). */
export const citizen = (pseudonym: string): Claims => ({ kind: 'citizen', sub: pseudonym })

/**
 * The registry, in order: the city and the puskesmas with their positions, the Sekretaris Daerah, the head of the
 * puskesmas under them, the desk officer and `staffCount` members of staff under the head.
 */
export const registryCommands = (staffCount: number, prefix = 'registry'): readonly ScenarioCommand[] => {
  const unit = (key: string, type: string, data: Readonly<Record<string, unknown>>): ScenarioCommand => ({
    category: 'unit',
    key: `${prefix}/${key}`,
    as: pyb,
    body: { type, data },
  })
  const appoint = (key: string, data: Readonly<Record<string, unknown>>): ScenarioCommand => ({
    category: 'asn',
    key: `${prefix}/${key}`,
    as: pyb,
    body: { type: 'AppointAsn', data: { employeeType: 'PNS', ...data } },
  })
  return [
    unit('pemko', 'EstablishUnit', { unitId: 'pemko-medan', name: 'Pemerintah Kota Medan', effectiveOn: '2000-01-01' }),
    unit('pemko/sekda', 'AddPosition', {
      unitId: 'pemko-medan',
      positionId: 'sekretaris-daerah',
      title: 'Sekretaris Daerah',
      positionType: { kind: 'manajerial', level: 'jpt' },
    }),
    unit('puskesmas', 'EstablishUnit', {
      unitId: puskesmas.unitId,
      name: puskesmas.name,
      effectiveOn: '2000-01-01',
      parentUnitId: 'pemko-medan',
    }),
    unit('puskesmas/kepala', 'AddPosition', {
      unitId: puskesmas.unitId,
      positionId: 'kepala-puskesmas',
      title: 'Kepala Puskesmas',
      positionType: { kind: 'manajerial', level: 'pengawas' },
    }),
    unit('puskesmas/perawat', 'AddPosition', {
      unitId: puskesmas.unitId,
      positionId: 'perawat',
      title: 'Perawat Terampil',
      positionType: { kind: 'fungsional-keterampilan', level: 'terampil' },
    }),
    appoint('sekda', {
      nip: sekdaNip,
      rank: 'IV/c',
      unitId: 'pemko-medan',
      positionId: 'sekretaris-daerah',
      effectiveOn: '1988-03-01',
    }),
    appoint('kepala', {
      nip: headNip,
      rank: 'IV/a',
      unitId: puskesmas.unitId,
      positionId: 'kepala-puskesmas',
      effectiveOn: '2000-03-01',
      atasanNip: sekdaNip,
    }),
    appoint('desk', {
      nip: deskNip,
      rank: 'III/b',
      unitId: puskesmas.unitId,
      positionId: 'perawat',
      effectiveOn: '2009-02-01',
      atasanNip: headNip,
    }),
    ...Array.from({ length: staffCount }, (_, i) =>
      appoint(`staff/${i}`, {
        nip: staffNip(i),
        rank: 'III/a',
        unitId: puskesmas.unitId,
        positionId: 'perawat',
        effectiveOn: '2015-01-01',
        atasanNip: headNip,
        // In clear: the service seals them for the ASN's own data subject before any event holds them.
        nik: `1275${String(100_000_000_000 + i).slice(-12)}`,
        phone: `0812${String(10_000_000 + i)}`,
      }),
    ),
  ]
}

/** Opens a training offering on the puskesmas' service standard, from `start` to `end` (YYYY-MM-DD). */
export const openOffering = (
  offeringId: string,
  schedule: { readonly start: string; readonly end: string },
  capacity = 1000,
): ScenarioCommand => ({
  category: 'enrollment',
  key: `open/${offeringId}`,
  as: pyb,
  body: {
    type: 'OpenOffering',
    data: {
      offeringId,
      title: `Pelatihan Pelayanan Prima Puskesmas (${offeringId})`,
      provider: 'BKPSDM Kota Medan',
      venue: 'Aula Dinas Kesehatan Kota Medan',
      form: 'pelatihan-teknis',
      competency: { type: 'teknis', code: 'T.KES.07' },
      jp: 24,
      capacity,
      schedule,
    },
  },
})

/** The i-th member of staff requests a place in an offering, naming the head as the atasan who approves. */
export const requestPlace = (offeringId: string, i: number, key = `request/${offeringId}/${i}`): ScenarioCommand => ({
  category: 'enrollment',
  key,
  as: staff(i),
  body: { type: 'RequestPlace', data: { offeringId, nip: staffNip(i), atasanNip: headNip } },
})

/** The head approves the place of the i-th member of staff. */
export const approvePlace = (offeringId: string, i: number, key = `approve/${offeringId}/${i}`): ScenarioCommand => ({
  category: 'enrollment',
  key,
  as: head,
  body: { type: 'ApprovePlace', data: { offeringId, nip: staffNip(i) } },
})

const complaintTexts = [
  'Antrean pendaftaran poli umum lebih dari tiga jam tanpa informasi nomor antrean.',
  'Obat yang diresepkan tidak tersedia dan tidak ada penjelasan kapan tersedia.',
  'Petugas loket tidak ramah dan tidak menjelaskan persyaratan BPJS.',
  'Jadwal imunisasi anak dibatalkan tanpa pemberitahuan.',
] as const

/** A citizen files the n-th complaint about the puskesmas, online, in their own name (sealed by the service). */
export const fileComplaint = (
  complaintId: string,
  n: number,
  serviceDate: string,
  pseudonym = `warga-${String(n % 500).padStart(4, '0')}`,
): ScenarioCommand => ({
  category: 'complaint',
  key: `file/${complaintId}`,
  as: citizen(pseudonym),
  body: {
    type: 'FileComplaint',
    data: {
      complaintId,
      trackingId: `BLW-2026-${String(n % 1_000_000).padStart(6, '0')}`,
      unit: puskesmas.name,
      category: 'pengaduan',
      description: complaintTexts[n % complaintTexts.length] ?? complaintTexts[0],
      serviceDate,
      channel: 'web',
      anonymous: false,
      confidential: false,
      complainant: `Warga Belawan ${n}`,
      contact: `0813${String(10_000_000 + n)}`,
    },
  },
})

/** The desk officer verifies a complaint. */
export const verifyComplaint = (complaintId: string): ScenarioCommand => ({
  category: 'complaint',
  key: `verify/${complaintId}`,
  as: desk,
  body: { type: 'VerifyComplaint', data: { complaintId } },
})
