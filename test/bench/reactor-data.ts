// The reactor benchmark's history: `profiles` competency profiles registered, then one-day training offerings of 30
// run to the end through the real enrollment handler, until `places` places are completed (every profile gets
// places / profiles of them). Written once in NORMAL durability, then copied for every side and round.
import { completePlaces, registerProfiles, staffNip } from '../reactor/fixtures.js'
import { formatCount } from './measure.js'
import { sqliteEventStore } from './sqlite-store.js'

/** Offerings of 30 places, as the reactor tests run them. */
const perOffering = 30

/** Writes the history into a fresh file and closes it (so its WAL is folded into the file and it can be copied). */
export const writeReactorHistory = async (
  file: string,
  places: number,
  profiles: number,
  progress: (line: string) => void,
): Promise<void> => {
  const store = sqliteEventStore({ path: file, durability: 'normal' })
  try {
    await registerProfiles(
      store,
      Array.from({ length: profiles }, (_, i) => staffNip(i)),
    )
    const offerings = Math.ceil(places / perOffering)
    for (let k = 0; k < offerings; k++) {
      const size = Math.min(perOffering, places - k * perOffering)
      const participants = Array.from({ length: size }, (_, j) => staffNip((k * perOffering + j) % profiles))
      await completePlaces(store, `reactor-bench-${String(k).padStart(6, '0')}`, participants)
      if ((k + 1) % 500 === 0) progress(`  ${formatCount((k + 1) * perOffering)} places completed`)
    }
  } finally {
    await store.close()
  }
}
