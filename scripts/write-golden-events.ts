// Writes golden files: a few serialized samples of every registered event type at its current schema version, in
// test/golden/<aggregate>/<EventType>.v<version>.json. Golden files are frozen history: an existing file is never
// overwritten, so the files written by every released version stay and test/golden-events.test.ts keeps replaying them.
// Exits 1, naming them, when some registered type got no sample.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { format, resolveConfig } from 'prettier'
import {
  type DomainEvent,
  type EventRegistry,
  type SerializedEvent,
  competencyEvents,
  complaintEvents,
  enrollmentEvents,
  mentorRosterEvents,
  mentorshipEvents,
  organisationEvents,
  personnelEvents,
  policyConfig,
  defaultPolicy,
} from '@pembina/core'
import {
  arbCompetencyHistory,
  arbComplaintHistory,
  arbEnrollmentHistory,
  arbMentorRosterHistory,
  arbMentorshipHistory,
  arbOrganisationHistory,
  arbPersonnelHistory,
} from '@pembina/testkit'
import { runBelawanScenario, scenarioIds } from '../examples/belawan/scenario.js'

/** How many samples of each event type a golden file holds at most. */
const samplesPerType = 3

const root = fileURLToPath(new URL('..', import.meta.url))
const goldenDir = join(root, 'test', 'golden')

/** One golden file to be: where it goes and the serialized events it holds. */
interface Golden {
  readonly file: string
  readonly events: readonly SerializedEvent[]
}

/** What one aggregate yields: the golden files it can fill and the registered types it found no sample of. */
interface Collected {
  readonly goldens: readonly Golden[]
  readonly missing: readonly string[]
}

/** A JSON-ready copy of a serialized event, exactly as a store would read it back. */
const asStored = (event: SerializedEvent): SerializedEvent => {
  const data: unknown = JSON.parse(JSON.stringify(event.data))
  return { type: event.type, data, schemaVersion: event.schemaVersion }
}

/**
 * Samples every event type of one aggregate: first from the demo scenario, then, for the types the demo does not
 * produce, from seeded testkit histories. Each sample is encoded with the registry and checked to decode again.
 */
const collect = <Event extends DomainEvent>(
  aggregate: string,
  registry: EventRegistry<Event>,
  demo: readonly Event[],
  generated: () => readonly Event[],
): Collected => {
  const samples = new Map<string, SerializedEvent[]>()
  const seen = new Set<string>()
  const add = (events: readonly Event[], onlyTypes: ReadonlySet<string> | undefined): void => {
    for (const event of events) {
      if (onlyTypes !== undefined && !onlyTypes.has(event.type)) continue
      const stored = asStored(registry.encode(event))
      const key = JSON.stringify(stored)
      const bucket = samples.get(stored.type) ?? []
      if (seen.has(key) || bucket.length >= samplesPerType) continue
      const decoded = registry.decode(stored)
      if (E.isLeft(decoded))
        throw new Error(`${aggregate}: a sample of ${stored.type} does not decode: ${JSON.stringify(decoded.left)}`)
      seen.add(key)
      bucket.push(stored)
      samples.set(stored.type, bucket)
    }
  }
  add(demo, undefined)
  const notInDemo = new Set(registry.schemas.map(schema => schema.type).filter(type => !samples.has(type)))
  if (notInDemo.size > 0) add(generated(), notInDemo)

  const goldens: Golden[] = []
  const missing: string[] = []
  for (const schema of registry.schemas) {
    const events = samples.get(schema.type) ?? []
    if (events.length === 0) missing.push(`${aggregate}/${schema.type} v${schema.version}`)
    else goldens.push({ file: join(goldenDir, aggregate, `${schema.type}.v${schema.version}.json`), events })
  }
  return { goldens, missing }
}

const seeded = <Value>(arb: fc.Arbitrary<Value>): readonly Value[] => fc.sample(arb, { seed: 1, numRuns: 200 })

const run = await runBelawanScenario()
const { ledger } = run
const profileEvents = (await Promise.all((await ledger.profiles()).map(nip => ledger.profile(nip)))).flat()

const collected: readonly Collected[] = [
  collect('organisation', organisationEvents, [], () =>
    seeded(arbOrganisationHistory(defaultPolicy)).flatMap(history => history.events),
  ),
  collect('personnel', personnelEvents, [], () =>
    seeded(arbPersonnelHistory(defaultPolicy)).flatMap(history => history.events),
  ),
  collect('enrollment', enrollmentEvents, await ledger.offering(scenarioIds.offeringId), () =>
    seeded(arbEnrollmentHistory(defaultPolicy)).flatMap(history => history.events),
  ),
  collect('mentorship', mentorshipEvents, await ledger.mentorshipEvents(scenarioIds.mentorshipId), () =>
    seeded(arbMentorshipHistory(defaultPolicy)).flatMap(history => history.events),
  ),
  collect('mentor', mentorRosterEvents, await ledger.mentorRosterEvents(scenarioIds.mentorNip), () =>
    seeded(arbMentorRosterHistory(policyConfig({ maxActiveMentees: 2 }))).flatMap(history => history.events),
  ),
  collect('competency', competencyEvents, profileEvents, () =>
    seeded(arbCompetencyHistory(defaultPolicy)).flatMap(history => history.events),
  ),
  collect('complaint', complaintEvents, await ledger.complaintEvents(scenarioIds.complaintId), () =>
    seeded(arbComplaintHistory(defaultPolicy)).flatMap(history => history.events),
  ),
]

await ledger.close()

const written: string[] = []
const kept: string[] = []
for (const golden of collected.flatMap(each => each.goldens)) {
  const name = relative(root, golden.file)
  if (existsSync(golden.file)) {
    kept.push(name)
    continue
  }
  // Formatted as prettier would, so `prettier --check .` passes on a freshly written file.
  const options = await resolveConfig(golden.file)
  const text = await format(JSON.stringify(golden.events, null, 2), { ...options, filepath: golden.file })
  mkdirSync(join(golden.file, '..'), { recursive: true })
  // 'wx' fails rather than overwrite, should the file have appeared since the check.
  writeFileSync(golden.file, text, { flag: 'wx' })
  written.push(name)
}

console.log(`wrote ${written.length} golden file(s)${written.map(name => `\n  + ${name}`).join('')}`)
console.log(`kept ${kept.length} existing golden file(s)${kept.map(name => `\n  = ${name}`).join('')}`)

const missing = collected.flatMap(each => each.missing)
if (missing.length > 0) {
  console.error(`no sample found for ${missing.length} registered event type(s):\n  - ${missing.join('\n  - ')}`)
  process.exit(1)
}
