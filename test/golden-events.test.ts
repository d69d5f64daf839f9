// Replays the golden files in test/golden (written by `pnpm golden:write`, never rewritten): history stored by any
// released version must keep decoding, upcast to the current schema, and the current schema must round-trip.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'
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
} from '@pembina/core'

const goldenDir = resolve(import.meta.dirname, 'golden')

/** What a test needs of a registry, whatever its event union. */
interface Registry {
  readonly schemas: readonly { readonly type: string; readonly version: number }[]
  readonly has: (type: string) => boolean
  /** Decodes a stored event and encodes it again at the current version; a string says why it did not decode. */
  readonly reencode: (stored: SerializedEvent) => E.Either<string, SerializedEvent>
}

const registry = <Event extends DomainEvent>(events: EventRegistry<Event>): Registry => ({
  schemas: events.schemas,
  has: events.has,
  reencode: stored =>
    E.bimap(
      failure => JSON.stringify(failure, null, 2),
      (event: Event) => events.encode(event),
    )(events.decode(stored)),
})

const registries: Readonly<Record<string, Registry>> = {
  organisation: registry(organisationEvents),
  personnel: registry(personnelEvents),
  enrollment: registry(enrollmentEvents),
  mentorship: registry(mentorshipEvents),
  mentor: registry(mentorRosterEvents),
  competency: registry(competencyEvents),
  complaint: registry(complaintEvents),
}

/** A golden file holds a non-empty JSON array of serialized events. */
const GoldenFile = t.array(t.type({ type: t.string, data: t.unknown, schemaVersion: t.number }))

const goldenName = /^(?<type>[A-Za-z][A-Za-z0-9]*)\.v(?<version>[1-9][0-9]*)\.json$/

const filesUnder = (dir: string): readonly string[] =>
  readdirSync(dir)
    .sort()
    .flatMap(name => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? filesUnder(path) : [path]
    })

const goldenFiles = existsSync(goldenDir) ? filesUnder(goldenDir).map(file => relative(goldenDir, file)) : []

/** The same value as a store would read it back: plain JSON. */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value))

describe('golden events', () => {
  it('every event type has a golden file for its current schema version', () => {
    const missing = Object.entries(registries).flatMap(([aggregate, { schemas }]) =>
      schemas
        .map(schema => join(aggregate, `${schema.type}.v${schema.version}.json`))
        .filter(file => !existsSync(join(goldenDir, file))),
    )
    expect(missing, `missing golden files (run \`pnpm golden:write\` and commit them): ${missing.join(', ')}`).toEqual(
      [],
    )
  })

  it.each(goldenFiles)('golden %s still decodes', file => {
    const [aggregate, name, ...rest] = file.split(sep)
    if (aggregate === undefined || name === undefined || rest.length > 0)
      expect.fail(`${file}: golden files live at test/golden/<aggregate>/<EventType>.v<version>.json`)
    const registry = registries[aggregate]
    if (registry === undefined)
      expect.fail(`${file}: ${aggregate} is not an aggregate (known: ${Object.keys(registries).join(', ')})`)
    const match = goldenName.exec(name)?.groups
    const type = match?.type
    const version = Number(match?.version)
    if (type === undefined) expect.fail(`${file}: the name must be <EventType>.v<version>.json`)
    if (!registry.has(type))
      expect.fail(
        `${file}: event type ${type} is no longer registered in the ${aggregate} registry, but history holds it; ` +
          'keep decoding it (register it again) rather than deleting its golden file',
      )
    const current = registry.schemas.find(schema => schema.type === type)?.version ?? 0
    if (version > current)
      expect.fail(`${file}: schema version ${version} is newer than the registered ${type} v${current}`)

    const parsed = GoldenFile.decode(JSON.parse(readFileSync(join(goldenDir, file), 'utf8')))
    if (E.isLeft(parsed)) expect.fail(`${file}: not a JSON array of { type, data, schemaVersion }`)
    const stored = parsed.right
    expect(stored.length, `${file} holds no event`).toBeGreaterThan(0)

    stored.forEach((event, index) => {
      const where = `${file} [${index}]`
      expect(
        { type: event.type, schemaVersion: event.schemaVersion },
        `${where}: type and version of its file`,
      ).toEqual({ type, schemaVersion: version })
      const reencoded = registry.reencode(event)
      if (E.isLeft(reencoded)) expect.fail(`${where} no longer decodes:\n${reencoded.left}`)
      // The current schema round-trips exactly; an older one must at least come out at the current version.
      if (version === current) expect(asJson(reencoded.right), `${where}: decode then encode`).toStrictEqual(event)
      else expect(reencoded.right).toMatchObject({ type, schemaVersion: current })
    })
  })
})
