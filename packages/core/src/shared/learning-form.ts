import type * as t from 'io-ts'
import { oneOf } from '../kernel/decode.js'

/** Classroom forms of competency development (PP 11/2017 Pasal 210–211; PerLAN 10/2018). */
export const klasikalForms = [
  'pelatihan-kepemimpinan',
  'pelatihan-manajerial',
  'pelatihan-teknis',
  'pelatihan-fungsional',
  'pelatihan-sosial-kultural',
  'seminar',
  'konferensi',
  'workshop',
  'kursus',
  'penataran',
  'bimtek',
  'sosialisasi',
] as const

/** Non-classroom forms of competency development (PP 11/2017 Pasal 212; PerLAN 10/2018). */
export const nonklasikalForms = [
  'coaching',
  'mentoring',
  'e-learning',
  'pelatihan-jarak-jauh',
  'detasering',
  'outbound',
  'benchmarking',
  'pertukaran-pns-swasta',
  'belajar-mandiri',
  'komunitas-belajar',
  'bimbingan-di-tempat-kerja',
  'magang',
] as const

/** Codec for a form of competency development, klasikal or nonklasikal. */
export const LearningForm = oneOf([...klasikalForms, ...nonklasikalForms], 'LearningForm')
/** A form of competency development. */
export type LearningForm = t.TypeOf<typeof LearningForm>

/** Whether a form is classroom (klasikal) or not (nonklasikal). */
export const learningMode = (form: LearningForm): 'klasikal' | 'nonklasikal' =>
  (klasikalForms as readonly string[]).includes(form) ? 'klasikal' : 'nonklasikal'
