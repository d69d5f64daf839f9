import { type Rejection, type RejectionCode, rejectionCatalog } from '../kernel/index.js'
import { relationMessages, relationTerms } from '../shared/index.js'

/** The rejections of the competency decider: each code with its English message and Indonesian term. */
export const competencyRejections = rejectionCatalog({
  'actor-not-allowed': { message: (who: string) => `Only ${who} may do this`, term: 'tidak berwenang' },
  'asn-not-registered': { message: relationMessages['asn-not-registered'], term: relationTerms['asn-not-registered'] },
  'asn-not-serving': { message: relationMessages['asn-not-serving'], term: relationTerms['asn-not-serving'] },
  'not-direct-atasan': { message: relationMessages['not-direct-atasan'], term: relationTerms['not-direct-atasan'] },
  'profile-not-registered': {
    message: 'No competency profile is registered for this ASN',
    term: 'profil kompetensi belum terdaftar',
  },
  'profile-already-registered': {
    message: 'This profile was already registered with other data: use ChangePosition',
    term: 'profil kompetensi sudah terdaftar',
  },
  'nip-mismatch': {
    message: (expected: string, got: string) =>
      `This stream holds the profile of NIP ${expected}, the command names ${got}`,
    term: 'NIP',
  },
  'contract-for-pns': {
    message: 'Only a PPPK has a contract period (perjanjian kerja)',
    term: 'perjanjian kerja hanya untuk PPPK',
  },
  'contract-overlaps': {
    message: (start: string, end: string) => `The contract overlaps the recorded contract from ${start} to ${end}`,
    term: 'perjanjian kerja tumpang tindih',
  },
  'rank-not-for-pppk': { message: 'A PPPK (contract employee) holds no PNS rank', term: 'golongan/pangkat PNS' },
  'standard-invalid': {
    message: 'A competency standard lists 1 to 50 competencies, each once, at levels 1 to 5',
    term: 'standar kompetensi jabatan',
  },
  'level-out-of-range': { message: 'A competency level is a whole number from 1 to 5', term: 'level kompetensi' },
  'minutes-out-of-range': {
    message: 'Credited learning is a whole number of minutes from 0 to 100000',
    term: 'jam pelajaran',
  },
  'dated-in-future': {
    message: 'Learning and participation cannot be dated after the day they are recorded',
    term: 'tanggal belum tiba',
  },
  'plan-invalid': {
    message:
      'A development plan is for a year from 2000 to 2100 and lists 1 to 20 items of 1 to 100000 planned minutes',
    term: 'rencana pengembangan kompetensi',
  },
  'plan-for-past-year': {
    message: 'A development plan is drafted for the current year or a later one',
    term: 'rencana pengembangan kompetensi',
  },
  'no-competency-gap': {
    message: (code: string) =>
      `Competency ${code} shows no gap: it is not in the standard, or its assessed level meets the required level`,
    term: 'kesenjangan kompetensi',
  },
  'unknown-competency': {
    message: (code: string) => `Teknis competency ${code} is not in the agency's catalogue (teknisCompetencies)`,
    term: 'kompetensi teknis tidak terdaftar',
  },
  'ni-pppk-for-pns': {
    message: 'A PNS is registered under a NIP, whose digits 13-14 are a month; this number is an NI PPPK',
    term: 'NIP PNS',
  },
  'unknown-ni-pppk-code': {
    message: (code: string, known: string) =>
      `NI PPPK code ${code} (digits 13-14) is not one the agency accepts (niPppkCodes: ${known})`,
    term: 'NI PPPK',
  },
})

/** Every reason the competency decider refuses a command: a closed set of stable codes. */
export type CompetencyRejectionCode = RejectionCode<typeof competencyRejections>

/** Why the competency decider refused a command. */
export type CompetencyRejection = Rejection<CompetencyRejectionCode>
