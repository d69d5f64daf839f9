// Confidentiality that holds (issue 18, UU 25/2009 and LAPOR!): over generated complaint histories, anonymous and
// confidential ones among them (flags set at filing or raised at verification), no read model or report that was not
// granted access holds an identity or content field of a complaint. The public read models (every standard one) and
// the report's data hold no envelope of any complaint at all, nor the pseudonym of an anonymous complainant; the case
// file, read by someone granted nothing, shows an anonymous complainant's identity and a confidential complaint's
// texts as withheld, and never even opens them (the decryption log has no such opening).
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  commandHandler,
  complaint,
  type ComplaintCommand,
  type ComplaintEvent,
  complaintEvents,
  defaultPolicy,
  EventMetadataHead,
  type FieldOpening,
  type EventStore,
  inMemoryEventStore,
  inMemoryKeyStore,
  type KeyStore,
  PersonalData,
} from '@pembina/core'
import {
  type CaseFileGrant,
  complaintBoardProjection,
  complaintCaseFileProjection,
  type ComplaintCaseFileDocument,
  competencyGapsProjection,
  learningHoursProjection,
  mentorLoadProjection,
  offeringRosterProjection,
  personnelDirectoryProjection,
  inMemoryReadModelStore,
  type JsonValue,
  listDocuments,
  openCaseFile,
  type Projection,
  type ReadModelStore,
  standardReadModels,
  startProjector,
} from '@pembina/projections'
import { arbComplaintHistory, arbComplaintScenario } from '@pembina/testkit'
import { reportData } from '@pembina/cli'

/** Whether an event leaves its complaint anonymous: filed so, or verified so. */
const isAnonymous = (event: ComplaintEvent): boolean =>
  (event.type === 'ComplaintFiled' || event.type === 'ComplaintVerified') && event.data.anonymous

const identityFields = ['complainant', 'contact', 'sensitiveDetails'] as const
const contentFields = ['description', 'supplement', 'text', 'decision', 'comment'] as const
/** The fields `openCaseFile` names in the decryption log for the texts (a follow-up's `text` is `follow-up`). */
const contentOpenings = ['description', 'supplement', 'follow-up', 'decision', 'comment']

/** What a complaint's history holds that a reader may not be granted: its identity and its content envelopes. */
interface Secrets {
  readonly identity: readonly PersonalData[]
  readonly content: readonly PersonalData[]
}

const secretsOf = async (store: EventStore): Promise<Secrets> => {
  const identity: PersonalData[] = []
  const content: PersonalData[] = []
  for await (const record of store.readAll()) {
    if (record.kind !== 'event') continue
    const head = EventMetadataHead.decode(record.metadata)
    if (E.isLeft(head)) throw new Error('metadata does not decode')
    const event = complaintEvents.decode({
      type: record.type,
      data: record.data,
      schemaVersion: head.right.schemaVersion,
    })
    if (E.isLeft(event)) throw new Error(`${record.type} does not decode`)
    const data: Readonly<Record<string, unknown>> = event.right.data
    for (const field of identityFields) {
      const value = data[field]
      if (PersonalData.is(value)) identity.push(value)
    }
    for (const field of contentFields) {
      const value = data[field]
      if (PersonalData.is(value)) content.push(value)
    }
  }
  return { identity, content }
}

/** The envelopes (by their ciphertext, as a JSON string) and pseudonyms found in a JSON text. */
const leaksIn = (
  json: string,
  envelopes: readonly PersonalData[],
  pseudonyms: readonly string[],
): readonly string[] => [
  ...envelopes.flatMap(envelope => (json.includes(JSON.stringify(envelope.ciphertext)) ? [envelope.ciphertext] : [])),
  ...pseudonyms.flatMap(pseudonym => (json.includes(JSON.stringify(pseudonym)) ? [pseudonym] : [])),
]

const allDocuments = async <Doc extends JsonValue>(readModels: ReadModelStore, projection: Projection<Doc>) =>
  (await listDocuments(readModels, projection)).map(({ doc }) => doc)

/** A key store that records what was asked of it: the openings logged, and the keys looked up. */
const recording = (keys: KeyStore) => {
  const lookups: string[] = []
  const spy: KeyStore = {
    ...keys,
    lookup: (subjectId, keyId) => {
      lookups.push(`${subjectId}/${keyId}`)
      return keys.lookup(subjectId, keyId)
    },
  }
  return { keys: spy, lookups }
}

const handled = async (commands: readonly ComplaintCommand[]) => {
  const store = inMemoryEventStore()
  const handler = commandHandler({ store, aggregate: complaint, config: defaultPolicy })
  for (const [i, command] of commands.entries()) await handler.handle(command, { commandId: `c-${i}` })()
  const readModels = inMemoryReadModelStore()
  const project = async <Doc extends JsonValue>(projection: Projection<Doc>): Promise<void> => {
    await startProjector({ events: store, readModels, projection, live: false }).done
  }
  // Each of `standardReadModels`, by name (a loop would hand the projector a union of their document types).
  await project(offeringRosterProjection)
  await project(learningHoursProjection)
  await project(mentorLoadProjection)
  await project(competencyGapsProjection)
  await project(complaintBoardProjection)
  await project(personnelDirectoryProjection)
  await project(complaintCaseFileProjection)
  return { store, readModels }
}

const reader = (grants: readonly CaseFileGrant[]) => ({
  access: { who: '196608011988031001', purpose: 'menindaklanjuti pengaduan', at: '2026-12-31T00:00:00+07:00' },
  grants,
})

describe('confidentiality over generated complaint histories (property)', { timeout: 120_000 }, () => {
  it('no public read model, no report and no reader granted nothing holds an identity or content field', async () => {
    let anonymous = 0
    let confidential = 0
    await fc.assert(
      fc.asyncProperty(arbComplaintScenario(), async commands => {
        const { store, readModels } = await handled(commands)
        const files: readonly ComplaintCaseFileDocument[] = await allDocuments(readModels, complaintCaseFileProjection)
        const file = files[0]
        if (file === undefined) return // the filing was refused: nothing to hide
        const secrets = await secretsOf(store)
        if (file.anonymous) anonymous++
        if (file.confidential) confidential++
        const pseudonyms = file.anonymous ? [...new Set(secrets.identity.map(envelope => envelope.subjectId))] : []
        // Every standard read model is public: it holds no envelope of a complaint at all.
        for (const projection of standardReadModels) {
          // Every document as stored, undecoded: what a reader of the store would find.
          const docs = JSON.stringify(await readModels.list(projection.name))
          expect(leaksIn(docs, [...secrets.identity, ...secrets.content], pseudonyms), projection.name).toEqual([])
        }
        // The report's data (learning and complaint lines) neither.
        const report = JSON.stringify(await reportData(store, defaultPolicy, 2026))
        expect(leaksIn(report, [...secrets.identity, ...secrets.content], pseudonyms), 'report').toEqual([])
        // The case file, for a reader granted nothing: withheld fields are not in the view, and never opened.
        const { keys, lookups } = recording(inMemoryKeyStore())
        const view = await openCaseFile(keys, file, reader([]))()
        if (E.isLeft(view)) throw new Error('the key store failed')
        const withheld = [...(file.anonymous ? secrets.identity : []), ...(file.confidential ? secrets.content : [])]
        expect(leaksIn(JSON.stringify(view.right), withheld, pseudonyms), 'case file view').toEqual([])
        const openings: readonly FieldOpening[] = E.getOrElse((): readonly FieldOpening[] => [])(
          await keys.openings()(),
        )
        const opened = openings.map(opening => opening.field)
        if (file.anonymous)
          expect(opened.filter(field => (identityFields as readonly string[]).includes(field))).toEqual([])
        if (file.confidential) expect(opened.filter(field => contentOpenings.includes(field))).toEqual([])
        // A key is looked up only to open a field (once per key for a read): nothing opened, nothing looked up.
        if (openings.length === 0) expect(lookups).toEqual([])
        // What is not withheld is opened (and logged): the check above is not vacuous.
        if (!file.confidential) expect(opened).toContain('description')
        if (!file.anonymous && file.identity.complainant !== null) expect(opened).toContain('complainant')
        // Granted both, the same reader opens every field.
        const all = recording(inMemoryKeyStore())
        const granted = await openCaseFile(all.keys, file, reader(['identity', 'content']))()
        expect(E.isRight(granted)).toBe(true)
        const envelopes = [...Object.values(file.identity), ...file.texts.map(each => each.text)].filter(value =>
          PersonalData.is(value),
        )
        const grantedOpenings = await all.keys.openings()()
        expect(E.isRight(grantedOpenings) && grantedOpenings.right).toHaveLength(envelopes.length)
      }),
      { numRuns: 60 },
    )
    // The generator reaches both flags, so the property speaks of them.
    expect(anonymous).toBeGreaterThan(0)
    expect(confidential).toBeGreaterThan(0)
  })

  it('a planted leak is caught: a board that keeps the anonymous complainant’s envelope fails in a few commands', () => {
    // A copy of a public read model with the bug: it keeps the complainant's envelope from the filing.
    const leakyBoard = (events: readonly ComplaintEvent[]): JsonValue =>
      events.flatMap(event =>
        event.type === 'ComplaintFiled'
          ? [{ complaintId: event.data.complaintId, complainant: event.data.complainant ?? null }]
          : [],
      )
    const details = fc.check(
      fc.property(arbComplaintHistory(defaultPolicy), run => {
        const filed = run.events.find(event => event.type === 'ComplaintFiled')
        if (filed?.type !== 'ComplaintFiled' || !run.events.some(event => isAnonymous(event))) return true
        const identity = [filed.data.complainant, filed.data.contact].filter(value => PersonalData.is(value))
        return leaksIn(JSON.stringify(leakyBoard(run.events)), identity, []).length === 0
      }),
      { seed: 5, numRuns: 200 },
    )
    expect(details.failed).toBe(true)
    expect(details.counterexample?.[0]?.steps.length).toBeLessThanOrEqual(8)
  })

  it('the leak check finds an envelope or a pseudonym where one is', () => {
    const envelope: PersonalData = {
      subjectId: 'warga-0042',
      keyId: 'k-1',
      algorithm: 'AES-256-GCM',
      ciphertext: 'q83vEjRWeJA=',
    }
    // A board that kept the description, or an anonymous complainant's pseudonym, would be caught.
    expect(leaksIn(JSON.stringify({ description: envelope }), [envelope], [])).toEqual(['q83vEjRWeJA='])
    expect(leaksIn(JSON.stringify({ who: 'warga-0042' }), [], ['warga-0042'])).toEqual(['warga-0042'])
    expect(leaksIn(JSON.stringify({ unit: 'Puskesmas Belawan' }), [envelope], ['warga-0042'])).toEqual([])
  })
})
