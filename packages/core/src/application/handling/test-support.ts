// Shared by the command handler's tests (not built into dist): Sari, Pengelola Data Kesehatan at Puskesmas Belawan,
// and her competency profile as the pyb registers it.
import { competency, type CompetencyCommand } from '../../competency/index.js'
import type { Actor } from '../../shared/actor.js'
import { nip } from '../../shared/nip.js'
import { instant } from '../../shared/time.js'

export const sari = nip('199203152019032004')
export const sariStream = competency.streamName(sari)
export const pyb: Actor = { kind: 'asn', nip: nip('196608011988031001'), roles: ['pyb'] }
export const at = instant('2026-06-01T09:00:00+07:00')
export const registerSari: CompetencyCommand = {
  type: 'RegisterProfile',
  at,
  actor: pyb,
  data: {
    ...{ nip: sari, employeeType: 'PNS', unit: 'Puskesmas Belawan', position: { kind: 'pelaksana' } },
    ...{ positionTitle: 'Pengelola Data Kesehatan', rank: 'II/c' },
  },
}
