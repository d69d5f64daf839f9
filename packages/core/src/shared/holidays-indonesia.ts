import { type LocalDate, localDate } from './time.js'

/**
 * An EXAMPLE list of Indonesian national public holidays for 2026, without joint leave days (cuti bersama).
 * It is not authoritative: check it against the year's joint decree (SKB 3 Menteri) and any later
 * amendment before using it for deadlines, and add the joint leave days and regional holidays your agency observes.
 */
export const exampleIndonesianHolidays2026: readonly LocalDate[] = [
  '2026-01-01', // Tahun Baru Masehi
  '2026-01-16', // Isra Mikraj
  '2026-02-17', // Tahun Baru Imlek
  '2026-03-19', // Hari Suci Nyepi
  '2026-03-20', // Idulfitri 1447 H
  '2026-03-21', // Idulfitri 1447 H
  '2026-04-03', // Wafat Yesus Kristus
  '2026-05-01', // Hari Buruh
  '2026-05-14', // Kenaikan Yesus Kristus
  '2026-05-27', // Iduladha 1447 H
  '2026-05-31', // Waisak
  '2026-06-01', // Hari Lahir Pancasila
  '2026-06-16', // Tahun Baru Islam 1448 H
  '2026-08-17', // Hari Kemerdekaan
  '2026-08-25', // Maulid Nabi Muhammad
  '2026-12-25', // Natal
].map(localDate)
