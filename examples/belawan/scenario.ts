// A year of pembinaan ASN in Belawan, Kota Medan, run through the command handlers and the policy reactor in memory.
import { exampleIndonesianHolidays2026, type PolicyConfig, policyConfig } from '@pembina/core'
import { type Ledger, type Outcome, ledger } from './ledger.js'
import { asn, people, wib } from './people.js'

/** One thing the scenario did, and what became of it. */
export interface Step {
  readonly section: string
  readonly what: string
  readonly outcome: Outcome
}

/** What the scenario leaves behind: its steps, the ledger to query, and the configuration it ran under. */
export interface ScenarioRun {
  readonly steps: readonly Step[]
  readonly ledger: Ledger
  readonly config: PolicyConfig
}

const offeringId = 'pmwp-2026-ii'
const mentorshipId = 'dinkes-2026-001'
const complaintId = 'blw-2026-000123'

/** Runs the Belawan scenario: training, mentorship, competency profiles and a complaint with a missed deadline. */
export const runBelawanScenario = async (): Promise<ScenarioRun> => {
  const config = policyConfig({ holidays: exampleIndonesianHolidays2026 })
  const book = ledger(config)
  const steps: Step[] = []
  let section = ''
  const record = (what: string, outcome: Outcome): void => {
    steps.push({ section, what, outcome })
  }
  const pyb = asn(people.pyb.nip, 'pyb', 'admin-pelatihan')
  const atasan = asn(people.kepalaPuskesmas.nip, 'atasan')
  const system = { kind: 'system', process: 'scheduler' }

  section = 'Competency profiles (BKPSDM Kota Medan)'
  const profiles = [
    {
      who: people.rina,
      employeeType: 'PNS',
      unit: 'Puskesmas Belawan',
      rank: 'III/a',
      title: 'Perawat Ahli Pertama',
      position: { kind: 'fungsional-ahli', level: 'pertama' },
    },
    {
      who: people.budi,
      employeeType: 'PNS',
      unit: 'Puskesmas Sicanang',
      rank: 'III/b',
      title: 'Sanitarian Ahli Pertama',
      position: { kind: 'fungsional-ahli', level: 'pertama' },
    },
    {
      who: people.sari,
      employeeType: 'PPPK',
      unit: 'Puskesmas Bahari',
      title: 'Bidan Terampil',
      position: { kind: 'fungsional-keterampilan', level: 'terampil' },
    },
    {
      who: people.dedi,
      employeeType: 'PNS',
      unit: 'Kantor Camat Medan Belawan',
      rank: 'III/c',
      title: 'Penata Layanan Operasional',
      position: { kind: 'pelaksana' },
    },
    {
      who: people.mentor,
      employeeType: 'PNS',
      unit: 'Dinas Kesehatan Kota Medan',
      rank: 'IV/a',
      title: 'Administrator Kesehatan Ahli Madya',
      position: { kind: 'fungsional-ahli', level: 'madya' },
    },
    {
      who: people.mentee,
      employeeType: 'PNS',
      unit: 'Dinas Kesehatan Kota Medan',
      rank: 'III/a',
      title: 'Administrator Kesehatan Ahli Pertama',
      position: { kind: 'fungsional-ahli', level: 'pertama' },
    },
    {
      who: people.officer,
      employeeType: 'PNS',
      unit: 'Puskesmas Belawan',
      rank: 'III/c',
      title: 'Kepala Subbagian Tata Usaha',
      position: { kind: 'manajerial', level: 'pengawas' },
    },
  ]
  for (const p of profiles)
    record(
      `register ${p.who.name}`,
      await book.competency({
        type: 'RegisterProfile',
        at: wib('2026-01-05', '08:00'),
        actor: pyb,
        data: {
          nip: p.who.nip,
          employeeType: p.employeeType,
          unit: p.unit,
          position: p.position,
          positionTitle: p.title,
          ...(p.rank === undefined ? {} : { rank: p.rank }),
        },
      }),
    )
  record(
    "set Rina's competency standard",
    await book.competency({
      type: 'SetCompetencyStandard',
      at: wib('2026-01-06'),
      actor: pyb,
      data: {
        nip: people.rina.nip,
        standard: [
          { competency: { type: 'manajerial', code: 'M.04' }, requiredLevel: 3 },
          { competency: { type: 'manajerial', code: 'M.05' }, requiredLevel: 3 },
          { competency: { type: 'teknis', code: 'T.KES.07' }, requiredLevel: 3 },
        ],
      },
    }),
  )
  record(
    "assess Rina's M.04 Orientasi pada Hasil",
    await book.competency({
      type: 'AssessCompetency',
      at: wib('2026-01-20'),
      actor: asn('198001012005011003', 'assessor'),
      data: {
        nip: people.rina.nip,
        assessmentId: 'asm-2026-017',
        competency: { type: 'manajerial', code: 'M.04' },
        level: 2,
      },
    }),
  )
  record(
    "plan Rina's 2026 development (HCDP) from her gap in M.04",
    await book.competency({
      type: 'PlanDevelopment',
      at: wib('2026-01-27'),
      actor: pyb,
      data: {
        nip: people.rina.nip,
        year: 2026,
        items: [
          {
            competency: { type: 'manajerial', code: 'M.04' },
            form: 'pelatihan-manajerial',
            plannedMinutes: 1080,
            basis: 'competency-gap',
          },
        ],
      },
    }),
  )

  section = 'Training: Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026'
  record(
    'open the offering (24 JP, capacity 3, 3-5 March 2026, BKPSDM Kota Medan)',
    await book.enrollment({
      type: 'OpenOffering',
      at: wib('2026-02-02'),
      actor: pyb,
      data: {
        offeringId,
        title: 'Pelatihan Manajemen Waktu dan Produktivitas, Angkatan II 2026',
        provider: 'BKPSDM Kota Medan',
        venue: 'Aula BKPSDM Kota Medan',
        form: 'pelatihan-manajerial',
        competency: { type: 'manajerial', code: 'M.04' },
        jp: 24,
        capacity: 3,
        schedule: { start: '2026-03-03', end: '2026-03-05' },
      },
    }),
  )
  const participants = [people.rina, people.budi, people.sari, people.dedi]
  for (const [i, p] of participants.entries())
    record(
      `${p.name} requests a place`,
      await book.enrollment({
        type: 'RequestPlace',
        at: wib('2026-02-09', `${String(8 + i).padStart(2, '0')}:00`),
        actor: asn(p.nip),
        data: { offeringId, nip: p.nip, atasanNip: people.kepalaPuskesmas.nip },
      }),
    )
  record(
    'a request with a mistyped NIP (gender digit 3)',
    await book.enrollment({
      type: 'RequestPlace',
      at: wib('2026-02-10'),
      actor: asn(people.dedi.nip),
      data: { offeringId, nip: '198811052012123001', atasanNip: people.kepalaPuskesmas.nip },
    }),
  )
  for (const [i, p] of participants.entries())
    record(
      `the atasan approves ${p.name}`,
      await book.enrollment({
        type: 'ApprovePlace',
        at: wib('2026-02-11', `1${i}:00`),
        actor: atasan,
        data: { offeringId, nip: p.nip },
      }),
    )
  record(
    'the offering starts',
    await book.enrollment({
      type: 'StartOffering',
      at: wib('2026-03-03', '07:30'),
      actor: pyb,
      data: { offeringId },
    }),
  )
  const attendance: readonly (readonly [string, readonly boolean[]])[] = [
    [people.rina.nip, [true, true, true]],
    [people.budi.nip, [true, true, true]],
    [people.sari.nip, [true, false, false]],
  ]
  for (const [nip, days] of attendance)
    for (const [day, present] of days.entries()) {
      const date = `2026-03-0${3 + day}`
      record(
        'record attendance',
        await book.enrollment({
          type: 'RecordAttendance',
          at: wib(date, '16:00'),
          actor: pyb,
          data: { offeringId, nip, date, present },
        }),
      )
    }
  record(
    'conclude every place',
    await book.enrollment({
      type: 'ConcludePlace',
      at: wib('2026-03-05', '17:00'),
      actor: pyb,
      data: { offeringId },
    }),
  )
  record(
    'close the offering',
    await book.enrollment({ type: 'CloseOffering', at: wib('2026-03-06'), actor: pyb, data: { offeringId } }),
  )

  section = 'Mentorship at Dinas Kesehatan: writing activity reports (laporan kegiatan)'
  record(
    'the atasan proposes the mentorship',
    await book.mentorship({
      type: 'ProposeMentorship',
      at: wib('2026-02-16'),
      actor: asn('197103031995032001', 'atasan'),
      data: {
        mentorshipId,
        form: 'mentoring',
        mentor: { nip: people.mentor.nip, rank: 'IV/a' },
        mentee: { nip: people.mentee.nip, rank: 'III/a' },
        unit: 'Dinas Kesehatan Kota Medan',
        goals: [
          { goalId: 'laporan-kegiatan', description: 'Menulis laporan kegiatan yang lengkap dan tepat waktu' },
          { goalId: 'rekap-data', description: 'Menyusun rekap data kunjungan puskesmas per bulan' },
        ],
        plannedSessions: 4,
      },
    }),
  )
  record(
    "the mentor accepts: a place among the mentor's (at most 5) is reserved, then the mentorship is active",
    await book.mentorship({
      type: 'AcceptMentorship',
      at: wib('2026-02-17'),
      actor: asn(people.mentor.nip, 'mentor'),
      data: { mentorshipId },
    }),
  )
  const sessions = [
    ['s1', '2026-02-24', 90, 'Struktur laporan kegiatan'],
    ['s2', '2026-03-10', 120, 'Menulis latar belakang dan tujuan'],
    ['s3', '2026-04-07', 90, 'Rekap data kunjungan'],
    ['s4', '2026-05-12', 60, 'Review laporan triwulan I'],
  ] as const
  for (const [sessionId, date, minutes, topic] of sessions)
    record(
      `session ${sessionId} on ${date}: ${topic} (${minutes} min)`,
      await book.mentorship({
        type: 'LogSession',
        at: wib(date, '15:00'),
        actor: asn(people.mentor.nip, 'mentor'),
        data: { mentorshipId, sessionId, date, minutes, topic },
      }),
    )
  for (const goalId of ['laporan-kegiatan', 'rekap-data'])
    record(
      `goal achieved: ${goalId}`,
      await book.mentorship({
        type: 'MarkGoalAchieved',
        at: wib('2026-05-12', '16:00'),
        actor: asn(people.mentor.nip, 'mentor'),
        data: { mentorshipId, goalId, assessment: 'Mampu mandiri' },
      }),
    )
  record(
    'the mentor completes the mentorship',
    await book.mentorship({
      type: 'CompleteMentorship',
      at: wib('2026-05-13'),
      actor: asn(people.mentor.nip, 'mentor'),
      data: { mentorshipId, evaluation: 'Laporan kegiatan kini tepat waktu dan lengkap.' },
    }),
  )

  section = 'Self-reported learning and policy participation'
  record(
    "the atasan verifies Rina's e-learning on public service (3 JP)",
    await book.competency({
      type: 'CreditLearning',
      at: wib('2026-06-02'),
      actor: atasan,
      data: {
        nip: people.rina.nip,
        source: { kind: 'self-reported', reportId: 'sr-2026-rina-01' },
        minutes: 135,
        form: 'e-learning',
        competency: { type: 'manajerial', code: 'M.05' },
        completedOn: '2026-05-29',
        title: 'E-learning Pelayanan Publik (ASN Unggul)',
      },
    }),
  )
  record(
    'Dedi takes part in the consultation on the Belawan public-service standard',
    await book.competency({
      type: 'RecordPolicyParticipation',
      at: wib('2026-06-10'),
      actor: pyb,
      data: {
        nip: people.dedi.nip,
        consultationId: 'konsultasi-sp-belawan-2026',
        title: 'Konsultasi publik standar pelayanan Kecamatan Medan Belawan',
        participatedOn: '2026-06-09',
      },
    }),
  )

  section = 'Complaint about Puskesmas Belawan (SP4N-LAPOR!)'
  const citizen = { kind: 'citizen', subjectId: 'citizen-7f3a' }
  const desk = asn(people.desk.nip, 'admin-pengaduan')
  const officer = asn(people.officer.nip)
  record(
    'a citizen files a complaint (identity and contact sealed, content public)',
    await book.complaint({
      type: 'FileComplaint',
      at: wib('2026-04-06', '10:15'),
      actor: citizen,
      data: {
        complaintId,
        trackingId: 'BLW-2026-000123',
        unit: 'Puskesmas Belawan',
        category: 'pengaduan',
        description: 'Antrean pendaftaran poli umum lebih dari tiga jam tanpa informasi nomor antrean.',
        serviceDate: '2026-04-02',
        channel: 'web',
        anonymous: false,
        confidential: false,
        // In clear here: the ledger's sealing handler seals them, and every text of the complaint, for citizen-7f3a.
        complainant: 'Siti Aminah',
        contact: '0812-6000-1234',
      },
    }),
  )
  record(
    'the desk verifies it',
    await book.complaint({
      type: 'VerifyComplaint',
      at: wib('2026-04-07', '09:00'),
      actor: desk,
      data: { complaintId },
    }),
  )
  record(
    'the desk routes it to the handling officer (disposisi)',
    await book.complaint({
      type: 'DisposeComplaint',
      at: wib('2026-04-07', '10:00'),
      actor: desk,
      data: { complaintId, unit: 'Puskesmas Belawan', officerNip: people.officer.nip },
    }),
  )
  record(
    'the timer checks deadlines on 10 April: nothing due',
    await book.complaint({
      type: 'CheckDeadlines',
      at: wib('2026-04-10', '00:05'),
      actor: system,
      data: { complaintId },
    }),
  )
  record(
    'the timer checks deadlines on 15 April',
    await book.complaint({
      type: 'CheckDeadlines',
      at: wib('2026-04-15', '00:05'),
      actor: system,
      data: { complaintId },
    }),
  )
  record(
    'the officer records the follow-up (tindak lanjut), late',
    await book.complaint({
      type: 'RecordFollowUp',
      at: wib('2026-04-15', '11:00'),
      actor: officer,
      data: {
        complaintId,
        followUpId: 'tl-1',
        text: 'Nomor antrean elektronik dipasang; petugas tambahan pada jam sibuk.',
      },
    }),
  )
  record(
    'the officer decides: upheld',
    await book.complaint({
      type: 'DecideComplaint',
      at: wib('2026-04-20'),
      actor: officer,
      data: { complaintId, decision: 'Pengaduan diterima; sistem antrean diperbaiki.', upheld: true },
    }),
  )
  record(
    'the desk notifies the complainant',
    await book.complaint({
      type: 'NotifyComplainant',
      at: wib('2026-04-21'),
      actor: desk,
      data: { complaintId, channel: 'web' },
    }),
  )
  record(
    'the complainant rates the handling 4 of 5',
    await book.complaint({
      type: 'RateSatisfaction',
      at: wib('2026-04-22'),
      actor: citizen,
      data: { complaintId, rating: 4, comment: 'Terima kasih, antrean sekarang lebih tertib.' },
    }),
  )
  record(
    'the desk closes the complaint',
    await book.complaint({ type: 'CloseComplaint', at: wib('2026-04-23'), actor: desk, data: { complaintId } }),
  )

  return { steps, ledger: book, config }
}

/** The ids the scenario uses, for tests and printouts. */
export const scenarioIds = { offeringId, mentorshipId, mentorNip: people.mentor.nip, complaintId } as const
