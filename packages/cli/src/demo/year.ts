import { type DemoAsn, demoUnits } from './people.js'
import type { Random } from './random.js'

/** One command of the demo year, for one aggregate, with the id it is always sent under (so a re-run adds nothing). */
export interface DemoCommand {
  readonly category: 'unit' | 'asn' | 'enrollment' | 'mentorship' | 'competency' | 'complaint'
  readonly commandId: string
  /** The command as JSON: decoded by its aggregate's codec before it is handled. */
  readonly input: { readonly type: string; readonly at: string } & Readonly<Record<string, unknown>>
}

const wib = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`
const asn = (nip: string, ...roles: readonly string[]) => ({ kind: 'asn', nip, roles: ['asn', ...roles] })
const pad = (n: number): string => String(n).padStart(2, '0')
const day = (month: number, date: number): string => `2026-${pad(month)}-${pad(date)}`
/** The date `days` calendar days after `date` (YYYY-MM-DD). */
const after = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
/** The appointment year in a NIP (digits 9 to 12). */
const appointedIn = (nip: string): number => Number(nip.slice(8, 12))

/** The Sekretaris Daerah: the BKPSDM's pyb in the demo, and the direct atasan of every unit's head. */
const sekda = '196608011988031001'
const pyb = asn(sekda, 'pyb', 'admin-pelatihan')
const topUnit = 'pemko-medan'

/** A unit's id in the registry: its name in lower case, words joined by dashes. */
const unitIdOf = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-')
/** A position's id in its unit: its title the same way. */
const positionIdOf = (title: string): string => title.toLowerCase().replace(/[^a-z0-9]+/g, '-')
/** The unit above a demo unit: the puskesmas under the Dinas Kesehatan, its sub-centres under it. */
const parentOf = (unit: string): string =>
  unit.startsWith('Puskesmas Pembantu')
    ? unitIdOf('Puskesmas Belawan')
    : unit === 'Puskesmas Belawan'
      ? unitIdOf('Dinas Kesehatan Kota Medan')
      : topUnit
/** A PPPK's current five-year contract: from the appointment, or from March 2024 for an earlier one. */
const contractOf = (appointedOn: string): { readonly start: string; readonly end: string } => {
  const start = appointedOn >= '2024-01-01' ? appointedOn : `2024-${appointedOn.slice(5, 7)}-01`
  const end = new Date(`${Number(start.slice(0, 4)) + 5}${start.slice(4)}T00:00:00Z`)
  return { start, end: new Date(end.getTime() - 86_400_000).toISOString().slice(0, 10) }
}
const assessor = asn('198001012005011003', 'assessor')
const desk = asn('198402142009022001', 'admin-pengaduan')
const timer = { kind: 'system', process: 'deadline-timer' }

/** Training offerings of the year: time management and service excellence among them. */
const offerings = [
  {
    id: 'pmwp-2026-i',
    title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan I',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.04' },
    jp: 24,
    month: 2,
    start: 10,
    days: 3,
  },
  {
    id: 'prima-2026-i',
    title: 'Pelatihan Pelayanan Prima Puskesmas, Angkatan I',
    form: 'pelatihan-teknis',
    competency: { type: 'teknis', code: 'T.KES.07' },
    jp: 32,
    month: 3,
    start: 10,
    days: 4,
  },
  {
    id: 'komunikasi-2026',
    title: 'Pelatihan Komunikasi Efektif dalam Pelayanan Publik',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.03' },
    jp: 16,
    month: 4,
    start: 14,
    days: 2,
  },
  {
    id: 'pmwp-2026-ii',
    title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.04' },
    jp: 24,
    month: 5,
    start: 12,
    days: 3,
  },
  {
    id: 'prima-2026-ii',
    title: 'Pelatihan Pelayanan Prima Puskesmas, Angkatan II',
    form: 'pelatihan-teknis',
    competency: { type: 'teknis', code: 'T.KES.07' },
    jp: 32,
    month: 7,
    start: 14,
    days: 4,
  },
  {
    id: 'pelayanan-2026',
    title: 'Pelatihan Standar Pelayanan Publik Kecamatan',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.05' },
    jp: 24,
    month: 8,
    start: 11,
    days: 3,
  },
  {
    id: 'integritas-2026',
    title: 'Pelatihan Integritas dan Antikorupsi',
    form: 'pelatihan-manajerial',
    competency: { type: 'manajerial', code: 'M.01' },
    jp: 16,
    month: 9,
    start: 15,
    days: 2,
  },
  {
    id: 'prima-2026-iii',
    title: 'Pelatihan Pelayanan Prima Puskesmas, Angkatan III',
    form: 'pelatihan-teknis',
    competency: { type: 'teknis', code: 'T.KES.07' },
    jp: 32,
    month: 10,
    start: 13,
    days: 4,
  },
] as const

/**
 * The demo's year in Belawan, in the order it happens: profiles registered, competencies assessed, training offerings
 * run from opening to conclusion, mentorships with monthly sessions, policy consultations, and public complaints about
 * puskesmas service, some handled late (a timer records the missed deadline) and some escalated to the Ombudsman.
 */
export const demoYear = (random: Random, people: readonly DemoAsn[]): readonly DemoCommand[] => {
  const commands: { command: DemoCommand; order: string }[] = []
  let sequence = 0
  const add = (category: DemoCommand['category'], input: DemoCommand['input']): void => {
    sequence++
    commands.push({
      command: { category, commandId: `demo-2026/${String(sequence).padStart(5, '0')}`, input },
      order: `${String(Date.parse(input.at)).padStart(15, '0')}/${String(sequence).padStart(6, '0')}`,
    })
  }

  // The registry first: the units and their positions, then every ASN's record with the direct atasan (each unit's
  // first ASN heads it, under the Sekretaris Daerah), so the rules that depend on the atasan read it from history.
  const heads = new Map<string, string>()
  for (const person of people) if (!heads.has(person.unit)) heads.set(person.unit, person.nip)
  add('unit', {
    type: 'EstablishUnit',
    at: wib('2026-01-02', '07:00'),
    actor: pyb,
    data: { unitId: topUnit, name: 'Pemerintah Kota Medan', effectiveOn: '2000-01-01' },
  })
  add('unit', {
    type: 'AddPosition',
    at: wib('2026-01-02', '07:01'),
    actor: pyb,
    data: {
      unitId: topUnit,
      positionId: 'sekretaris-daerah',
      title: 'Sekretaris Daerah',
      positionType: { kind: 'manajerial', level: 'jpt' },
    },
  })
  for (const [unit] of demoUnits) {
    add('unit', {
      type: 'EstablishUnit',
      at: wib('2026-01-02', '07:05'),
      actor: pyb,
      data: { unitId: unitIdOf(unit), name: unit, effectiveOn: '2000-01-01', parentUnitId: parentOf(unit) },
    })
    const positions = new Map(people.filter(p => p.unit === unit).map(p => [positionIdOf(p.positionTitle), p] as const))
    for (const [positionId, holder] of positions)
      add('unit', {
        type: 'AddPosition',
        at: wib('2026-01-02', '07:10'),
        actor: pyb,
        data: { unitId: unitIdOf(unit), positionId, title: holder.positionTitle, positionType: holder.position },
      })
  }
  add('asn', {
    type: 'AppointAsn',
    at: wib('2026-01-02', '08:00'),
    actor: pyb,
    data: {
      nip: sekda,
      employeeType: 'PNS',
      rank: 'IV/c',
      unitId: topUnit,
      positionId: 'sekretaris-daerah',
      effectiveOn: '1988-03-01',
    },
  })
  for (const person of people) {
    const appointedOn = `${person.nip.slice(8, 12)}-${person.nip.slice(12, 14)}-01`
    const head = heads.get(person.unit)
    add('asn', {
      type: 'AppointAsn',
      at: wib('2026-01-02', '08:30'),
      actor: pyb,
      data: {
        nip: person.nip,
        employeeType: person.employeeType,
        unitId: unitIdOf(person.unit),
        positionId: positionIdOf(person.positionTitle),
        effectiveOn: appointedOn,
        atasanNip: head === undefined || head === person.nip ? sekda : head,
        ...(person.rank === undefined ? {} : { rank: person.rank }),
        ...(person.employeeType === 'PPPK' ? { contract: contractOf(appointedOn) } : {}),
      },
    })
  }

  for (const person of people)
    add('competency', {
      type: 'RegisterProfile',
      at: wib('2026-01-05', '08:00'),
      actor: pyb,
      data: {
        nip: person.nip,
        employeeType: person.employeeType,
        unit: person.unit,
        position: person.position,
        positionTitle: person.positionTitle,
        ...(person.rank === undefined ? {} : { rank: person.rank }),
      },
    })
  for (const [i, person] of people.entries())
    if (random.chance(0.3))
      add('competency', {
        type: 'AssessCompetency',
        at: wib(day(1, random.int(12, 30))),
        actor: assessor,
        data: {
          nip: person.nip,
          assessmentId: `asm-2026-${String(i).padStart(3, '0')}`,
          competency: random.pick([
            { type: 'manajerial', code: 'M.04' },
            { type: 'manajerial', code: 'M.05' },
          ]),
          level: random.int(1, 4),
        },
      })

  // Each unit's head is its ASN's direct atasan (the registry says so); a head's own atasan is the Sekretaris Daerah.
  const atasanOf = heads
  for (const offering of offerings) {
    const start = day(offering.month, offering.start)
    const end = day(offering.month, offering.start + offering.days - 1)
    add('enrollment', {
      type: 'OpenOffering',
      at: wib(day(offering.month - 1, 20)),
      actor: pyb,
      data: {
        offeringId: offering.id,
        title: offering.title,
        provider: 'BKPSDM Kota Medan',
        venue: random.pick([
          'Aula BKPSDM Kota Medan',
          'Aula Kantor Camat Medan Belawan',
          'Aula Dinas Kesehatan Kota Medan',
        ]),
        form: offering.form,
        competency: offering.competency,
        jp: offering.jp,
        capacity: 30,
        schedule: { start, end },
      },
    })
    const participants = new Set<DemoAsn>()
    const wanted = random.int(20, 30)
    while (participants.size < wanted) participants.add(random.pick(people))
    for (const person of participants) {
      const atasanNip = atasanOf.get(person.unit) ?? sekda
      add('enrollment', {
        type: 'RequestPlace',
        at: wib(day(offering.month - 1, random.int(21, 26))),
        actor: asn(person.nip),
        data: {
          offeringId: offering.id,
          nip: person.nip,
          atasanNip: atasanNip === person.nip ? sekda : atasanNip,
        },
      })
      add('enrollment', {
        type: 'ApprovePlace',
        at: wib(day(offering.month - 1, 27)),
        actor: asn(atasanNip === person.nip ? sekda : atasanNip, 'atasan'),
        data: { offeringId: offering.id, nip: person.nip },
      })
    }
    add('enrollment', { type: 'StartOffering', at: wib(start, '07:30'), actor: pyb, data: { offeringId: offering.id } })
    for (const person of participants) {
      const absentOften = random.chance(0.12)
      for (let d = 0; d < offering.days; d++)
        add('enrollment', {
          type: 'RecordAttendance',
          at: wib(day(offering.month, offering.start + d), '16:00'),
          actor: pyb,
          data: {
            offeringId: offering.id,
            nip: person.nip,
            date: day(offering.month, offering.start + d),
            present: absentOften ? random.chance(0.4) : random.chance(0.97),
          },
        })
    }
    add('enrollment', { type: 'ConcludePlace', at: wib(end, '17:00'), actor: pyb, data: { offeringId: offering.id } })
    add('enrollment', { type: 'CloseOffering', at: wib(end, '18:00'), actor: pyb, data: { offeringId: offering.id } })
  }

  // Mentorships: seniors (appointed by 2012) mentor new ASN (appointed from 2019), one session a month.
  const seniors = people.filter(person => appointedIn(person.nip) <= 2012)
  const juniors = people.filter(person => appointedIn(person.nip) >= 2019)
  const topics = [
    ['laporan-kegiatan', 'Menulis laporan kegiatan yang lengkap dan tepat waktu'],
    ['rekap-data', 'Menyusun rekap data kunjungan puskesmas per bulan'],
  ] as const
  const pairs = Math.min(10, seniors.length, juniors.length)
  for (let m = 0; m < pairs; m++) {
    const mentor = seniors[m]
    const mentee = juniors[m]
    if (mentor === undefined || mentee === undefined) break
    const mentorshipId = `mentor-2026-${String(m + 1).padStart(3, '0')}`
    const first = random.int(2, 4)
    add('mentorship', {
      type: 'ProposeMentorship',
      at: wib(day(first, 2)),
      // The mentee's direct atasan proposes: the unit's head, or the Sekretaris Daerah for a head.
      actor: asn(heads.get(mentee.unit) === mentee.nip ? sekda : (heads.get(mentee.unit) ?? sekda), 'atasan'),
      data: {
        mentorshipId,
        form: random.chance(0.7) ? 'mentoring' : 'coaching',
        mentor: { nip: mentor.nip, rank: 'IV/a' },
        mentee: { nip: mentee.nip, rank: 'III/a' },
        unit: mentee.unit,
        goals: topics.map(([goalId, description]) => ({ goalId, description })),
        plannedSessions: 4,
      },
    })
    add('mentorship', {
      type: 'AcceptMentorship',
      at: wib(day(first, 3)),
      actor: asn(mentor.nip, 'mentor'),
      data: { mentorshipId },
    })
    for (let s = 0; s < 4; s++)
      add('mentorship', {
        type: 'LogSession',
        at: wib(day(first + s, 20), '15:00'),
        actor: asn(mentor.nip, 'mentor'),
        data: {
          mentorshipId,
          sessionId: `s${s + 1}`,
          date: day(first + s, 20),
          minutes: random.pick([60, 90, 120]),
          topic: random.pick([
            'Struktur laporan kegiatan',
            'Rekap data kunjungan',
            'Review laporan triwulan',
            'Menulis tujuan kegiatan',
          ]),
        },
      })
    for (const [goalId] of topics)
      add('mentorship', {
        type: 'MarkGoalAchieved',
        at: wib(day(first + 3, 21)),
        actor: asn(mentor.nip, 'mentor'),
        data: { mentorshipId, goalId, assessment: 'Mampu mandiri' },
      })
    add('mentorship', {
      type: 'CompleteMentorship',
      at: wib(day(first + 3, 22)),
      actor: asn(mentor.nip, 'mentor'),
      data: { mentorshipId, evaluation: 'Tujuan pembimbingan tercapai.' },
    })
  }

  // Policy consultations on the Belawan public-service standard.
  for (const person of people.filter(p => p.unit === 'Kantor Camat Medan Belawan' || random.chance(0.08)))
    add('competency', {
      type: 'RecordPolicyParticipation',
      at: wib('2026-06-10'),
      actor: pyb,
      data: {
        nip: person.nip,
        consultationId: 'konsultasi-sp-belawan-2026',
        title: 'Konsultasi publik standar pelayanan Kecamatan Medan Belawan',
        participatedOn: '2026-06-09',
      },
    })

  // Public complaints about puskesmas service: most handled on time, some followed up late (the timer records the
  // missed deadline), a few escalated to the Ombudsman.
  const puskesmas = ['Puskesmas Belawan', 'Puskesmas Pembantu Bagan Deli', 'Puskesmas Pembantu Belawan Bahari']
  const complaints = [
    'Antrean pendaftaran poli umum lebih dari tiga jam tanpa informasi nomor antrean.',
    'Obat yang diresepkan tidak tersedia dan tidak ada penjelasan kapan tersedia.',
    'Petugas loket tidak ramah dan tidak menjelaskan persyaratan BPJS.',
    'Jadwal imunisasi anak dibatalkan tanpa pemberitahuan.',
    'Ruang tunggu panas dan kursi tidak cukup untuk lansia.',
  ]
  for (let k = 0; k < 24; k++) {
    const complaintId = `blw-2026-${String(k + 1).padStart(6, '0')}`
    const unit = random.pick(puskesmas)
    const officer = random.pick(people.filter(person => person.unit === unit))
    const filed = day(random.int(3, 11), random.int(1, 18))
    const subjectId = `citizen-${String(k + 1).padStart(4, '0')}`
    const citizen = { kind: 'citizen', subjectId }
    add('complaint', {
      type: 'FileComplaint',
      at: wib(filed, '10:15'),
      actor: citizen,
      data: {
        complaintId,
        trackingId: `BLW-2026-${String(k + 1).padStart(6, '0')}`,
        unit,
        category: 'pengaduan',
        description: random.pick(complaints),
        serviceDate: after(filed, -2),
        channel: random.pick(['web', 'sms', 'whatsapp', 'loket']),
        anonymous: false,
        confidential: false,
        // In clear here: the demo sends complaints through a sealing handler, so only envelopes reach the events.
        complainant: `Warga Belawan ${k + 1}`,
        contact: `08${String(1_000_000_000 + k)}`,
      },
    })
    add('complaint', { type: 'VerifyComplaint', at: wib(after(filed, 1), '09:00'), actor: desk, data: { complaintId } })
    add('complaint', {
      type: 'DisposeComplaint',
      at: wib(after(filed, 1), '10:00'),
      actor: desk,
      data: { complaintId, unit, officerNip: officer.nip },
    })
    const roll = random.next()
    const late = roll >= 0.7
    if (late)
      add('complaint', {
        type: 'CheckDeadlines',
        at: wib(after(filed, 12), '00:05'),
        actor: timer,
        data: { complaintId },
      })
    if (roll >= 0.9) {
      add('complaint', {
        type: 'EscalateToOmbudsman',
        at: wib(after(filed, 13)),
        actor: citizen,
        data: { complaintId, reason: 'Tidak ada tindak lanjut dalam batas waktu.' },
      })
      continue
    }
    const followed = after(filed, late ? 12 : 3)
    add('complaint', {
      type: 'RecordFollowUp',
      at: wib(followed, '11:00'),
      actor: asn(officer.nip),
      data: { complaintId, followUpId: 'tl-1', text: 'Petugas tambahan pada jam sibuk; informasi antrean dipasang.' },
    })
    add('complaint', {
      type: 'DecideComplaint',
      at: wib(after(followed, 2)),
      actor: asn(officer.nip),
      data: { complaintId, decision: 'Pengaduan diterima; pelayanan diperbaiki.', upheld: true },
    })
    add('complaint', {
      type: 'NotifyComplainant',
      at: wib(after(followed, 3)),
      actor: desk,
      data: { complaintId, channel: 'web' },
    })
    add('complaint', {
      type: 'RateSatisfaction',
      at: wib(after(followed, 4)),
      actor: citizen,
      data: { complaintId, rating: random.int(1, 5) },
    })
    add('complaint', { type: 'CloseComplaint', at: wib(after(followed, 5)), actor: desk, data: { complaintId } })
  }

  return commands.sort((a, b) => (a.order < b.order ? -1 : 1)).map(({ command }) => command)
}
