// The people of the Belawan scenario. NIPs are made up but valid (birth date, appointment month, gender, sequence).

/** Who acts in the scenario, by NIP, with a name for the printout only (names are never put in events). */
export const people = {
  pyb: { nip: '196608011988031001', name: 'Drs. Hasan Lubis (PyB, BKPSDM Kota Medan)' },
  kepalaPuskesmas: { nip: '197502152000122002', name: 'dr. Wulan Siregar (Kepala Puskesmas Belawan)' },
  rina: { nip: '199203152019032004', name: 'Rina Harahap (PNS, Puskesmas Belawan)' },
  budi: { nip: '199001102015031002', name: 'Budi Nasution (PNS, Puskesmas Sicanang)' },
  sari: { nip: '199505202022122003', name: 'Sari Pane (PPPK, Puskesmas Bahari)' },
  dedi: { nip: '198811052012121001', name: 'Dedi Tarigan (PNS, Kantor Camat Medan Belawan)' },
  mentor: { nip: '197808172003121002', name: 'Ahmad Rangkuti (senior PNS, Dinas Kesehatan)' },
  mentee: { nip: '199807012024032001', name: 'Nadia Putri (new PNS, Dinas Kesehatan)' },
  desk: { nip: '198402142009022001', name: 'Maya Simanjuntak (admin pengaduan)' },
  officer: { nip: '198507122010011005', name: 'Fajar Ginting (handling officer, Puskesmas Belawan)' },
} as const

/** An ASN actor as JSON. */
export const asn = (nip: string, ...roles: readonly string[]) => ({ kind: 'asn', nip, roles: ['asn', ...roles] })

/** The instant of a local WIB date and time. */
export const wib = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`

/** Whose name goes with a NIP, for the printout. */
export const nameOf = (nip: string): string => Object.values(people).find(p => p.nip === nip)?.name ?? nip
