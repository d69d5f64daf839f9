import type { Random } from './random.js'

/** One ASN of the demo: NIP, where they work, as what, and on what terms. */
export interface DemoAsn {
  readonly nip: string
  readonly unit: string
  readonly employeeType: 'PNS' | 'PPPK'
  readonly positionTitle: string
  readonly position:
    | { readonly kind: 'pelaksana' }
    | { readonly kind: 'fungsional-ahli'; readonly level: 'pertama' | 'muda' }
    | { readonly kind: 'fungsional-keterampilan'; readonly level: 'terampil' | 'mahir' }
  readonly rank?: string
}

/** The units of the demo and how many ASN each has. */
export const demoUnits: readonly (readonly [string, number])[] = [
  ['Dinas Kesehatan Kota Medan', 70],
  ['Puskesmas Belawan', 60],
  ['Puskesmas Pembantu Bagan Deli', 25],
  ['Puskesmas Pembantu Belawan Bahari', 25],
  ['Kantor Camat Medan Belawan', 45],
  ['BKPSDM Kota Medan', 40],
]

const titles = {
  pelaksana: ['Pengadministrasi Umum', 'Pengelola Data', 'Pengadministrasi Perkantoran'],
  ahli: ['Perawat Ahli Pertama', 'Dokter Ahli Pertama', 'Analis Kebijakan Ahli Muda', 'Penyuluh Kesehatan Ahli Muda'],
  terampil: ['Bidan Terampil', 'Perawat Terampil', 'Sanitarian Mahir', 'Pranata Komputer Terampil'],
} as const

const pad = (n: number, width: number): string => String(n).padStart(width, '0')

/**
 * A valid NIP (UU 5/2014 format, 18 digits): birth date, appointment year and month (at 20 or older), gender digit,
 * and a sequence number, distinct for each `index`.
 */
const nipOf = (random: Random, index: number): string => {
  const born = random.int(1968, 1999)
  const month = random.int(1, 12)
  const day = random.int(1, 28)
  const appointed = Math.min(2025, born + random.int(21, 30))
  const appointedMonth = random.int(1, 12)
  const gender = random.int(1, 2)
  return `${born}${pad(month, 2)}${pad(day, 2)}${appointed}${pad(appointedMonth, 2)}${gender}${pad(index + 1, 3)}`
}

/** The demo's ASN: a few hundred across the units, three in four PNS, the rest PPPK. */
export const demoPeople = (random: Random): readonly DemoAsn[] => {
  const people: DemoAsn[] = []
  for (const [unit, count] of demoUnits)
    for (let i = 0; i < count; i++) {
      const employeeType = random.chance(0.75) ? 'PNS' : 'PPPK'
      const roll = random.next()
      const nip = nipOf(random, people.length)
      const rank = employeeType === 'PNS' ? random.pick(['II/c', 'III/a', 'III/b', 'III/c', 'III/d']) : undefined
      const base = { nip, unit, employeeType, ...(rank === undefined ? {} : { rank }) } as const
      people.push(
        roll < 0.35
          ? { ...base, position: { kind: 'pelaksana' }, positionTitle: random.pick(titles.pelaksana) }
          : roll < 0.7
            ? {
                ...base,
                position: { kind: 'fungsional-ahli', level: random.pick(['pertama', 'muda'] as const) },
                positionTitle: random.pick(titles.ahli),
              }
            : {
                ...base,
                position: { kind: 'fungsional-keterampilan', level: random.pick(['terampil', 'mahir'] as const) },
                positionTitle: random.pick(titles.terampil),
              },
      )
    }
  return people
}
