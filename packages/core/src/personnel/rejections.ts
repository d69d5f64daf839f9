import { type Rejection, type RejectionCode, rejectionCatalog } from '../kernel/index.js'

/** Every rejection of the personnel decider: its code, English message and Indonesian term. */
export const personnelRejections = rejectionCatalog({
  'actor-not-allowed': { message: 'Only a pyb may change an ASN record', term: 'tidak berwenang' },
  'asn-not-found': { message: 'No ASN is registered under this number', term: 'ASN belum terdaftar' },
  'nip-registered': {
    message: 'This NIP or NI PPPK is already registered to a record; a number is registered once and never reused',
    term: 'NIP sudah terdaftar',
  },
  'ni-pppk-for-pns': {
    message: 'Digits 13-14 of this number are an NI PPPK code, not an appointment month: it cannot be a PNS NIP',
    term: 'NI PPPK bukan NIP',
  },
  'unknown-ni-pppk-code': {
    message: (code: string, known: string) => `NI PPPK code "${code}" is not one of the configured codes (${known})`,
    term: 'kode NI PPPK',
  },
  'rank-not-for-pppk': { message: 'A PPPK (contract employee) holds no PNS rank', term: 'golongan/pangkat PNS' },
  'contract-for-pns': {
    message: 'Only a PPPK has a contract period (perjanjian kerja)',
    term: 'perjanjian kerja hanya untuk PPPK',
  },
  'contract-overlaps': {
    message: (start: string, end: string) => `The contract overlaps the known contract from ${start} to ${end}`,
    term: 'perjanjian kerja tumpang tindih',
  },
  'atasan-is-self': { message: 'An ASN cannot be their own direct atasan', term: 'atasan langsung' },
  'asn-left': { message: 'This ASN has left the agency: their record is closed', term: 'ASN sudah berhenti' },
  'effective-before-appointment': {
    message: (appointedOn: string) => `A change cannot take effect before the appointment (TMT ${appointedOn})`,
    term: 'sebelum TMT',
  },
  'rank-not-higher': {
    message: (current: string) => `A promotion must be to a rank above ${current}`,
    term: 'kenaikan pangkat',
  },
  unchanged: { message: 'The record already says this from this date', term: 'tidak ada perubahan' },
  'unit-not-found': {
    message: (unitId: string) => `Unit "${unitId}" was not established at this instant`,
    term: 'unit kerja tidak dikenal',
  },
  'unit-dissolved': {
    message: (unitId: string) => `Unit "${unitId}" is dissolved`,
    term: 'unit kerja sudah dibubarkan',
  },
  'position-not-in-unit': {
    message: (positionId: string, unitId: string) => `Unit "${unitId}" has no position "${positionId}"`,
    term: 'jabatan tidak ada di unit kerja',
  },
  'atasan-not-registered': {
    message: (atasanNip: string) => `The atasan ${atasanNip} is not a registered, serving ASN at this instant`,
    term: 'atasan belum terdaftar',
  },
  'wrong-data-subject': {
    message: (field: string, subjectId: string, expected: string) =>
      `The ${field} is sealed for data subject "${subjectId}": an ASN's personal data is sealed for "${expected}"`,
    term: 'subjek data pribadi tidak sesuai',
  },
  'no-personal-details': {
    message: 'An update of personal details must give a sealed NIK or phone, or both',
    term: 'data pribadi tidak diisi',
  },
})

/** Every reason the personnel decider refuses a command. */
export type PersonnelRejectionCode = RejectionCode<typeof personnelRejections>

/** Why the personnel decider refused a command. */
export type PersonnelRejection = Rejection<PersonnelRejectionCode>

/** Every rejection of the organisation decider: its code, English message and Indonesian term. */
export const organisationRejections = rejectionCatalog({
  'actor-not-allowed': { message: 'Only a pyb may change the organisation', term: 'tidak berwenang' },
  'unit-not-found': { message: 'No unit is established under this id', term: 'unit kerja tidak dikenal' },
  'unit-exists': {
    message: 'A different unit is already established under this id',
    term: 'unit kerja sudah ada',
  },
  'parent-unit-not-found': {
    message: (parentUnitId: string) => `The parent unit "${parentUnitId}" is not established and serving`,
    term: 'unit induk tidak dikenal',
  },
  'unit-is-own-parent': { message: 'A unit cannot be its own parent', term: 'unit induk' },
  'position-exists': {
    message: (positionId: string) => `Position "${positionId}" already exists in this unit with other details`,
    term: 'jabatan sudah ada',
  },
  'unit-dissolved': { message: 'This unit is dissolved', term: 'unit kerja sudah dibubarkan' },
  'dissolved-before-established': {
    message: (establishedOn: string) => `A unit cannot be dissolved before it was established (${establishedOn})`,
    term: 'sebelum pembentukan',
  },
})

/** Every reason the organisation decider refuses a command. */
export type OrganisationRejectionCode = RejectionCode<typeof organisationRejections>

/** Why the organisation decider refused a command. */
export type OrganisationRejection = Rejection<OrganisationRejectionCode>
