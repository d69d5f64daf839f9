// The audit over real histories: a clean store has no finding; each kind of tampering an inspector worries about is
// found and named with its stream and revision: a flipped byte, a removed event, a credit nobody earned, and a whole
// stream rewritten with every hash recomputed (found against the heads of an earlier audit).
import * as E from 'fp-ts/lib/Either.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  aggregate,
  type AuditFinding,
  competency,
  complaint,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  exampleIndonesianHolidays2026,
  inMemoryEventStore,
  commandHandler,
  defaultPolicy,
  headFileOf,
  instant,
  localDate,
  mentorship,
  type MentorshipCommand,
  minutes,
  nip,
  type PolicyConfig,
  policyConfig,
  runAudit,
} from '@pembina/core'
import { sqliteEventStore } from '@pembina/sqlite'
import { runBelawanScenario, scenarioIds } from '../../examples/belawan/scenario.js'
import { staffNip, writeCreditedHistory } from '../reactor/fixtures.js'
import { openRawDatabase } from '../reliability/raw-sqlite.js'
import { rewriteWithRecomputedHashes } from './tamper.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'

let dir: TempDir
beforeEach(() => {
  dir = makeTempDir('pembina-audit-')
})
afterEach(() => {
  dir.remove()
})

const staff = [staffNip(0), staffNip(1), staffNip(2)]
const sariStream = competency.streamName(staff[0] ?? nip('199203152019032004'))

/** Three ASN registered, two offerings completed by all three, and the reactor's credits: an SQLite file, closed. */
const writeHistory = (file: string): Promise<void> =>
  writeCreditedHistory(file, staff, ['audit-2026-01', 'audit-2026-02'])

const auditFile = async (file: string, heads?: Parameters<typeof runAudit>[1]['heads']) => {
  const store = sqliteEventStore({ path: file })
  try {
    return await runAudit(store, { config: defaultPolicy, ...(heads === undefined ? {} : { heads }) })
  } finally {
    await store.close()
  }
}

const brief = (findings: readonly AuditFinding[]) =>
  findings.map(({ kind, streamName, revision }) => ({ kind, streamName, revision }))

const sql = (text: string): string => `'${text.replaceAll("'", "''")}'`

describe('the audit', () => {
  it('finds nothing in the Belawan demo, its deadlines checked against its holiday calendar', async () => {
    const run = await runBelawanScenario()
    try {
      const { findings, summary } = await runAudit(run.ledger.store, { config: run.config })
      expect(findings).toEqual([])
      expect(summary.records).toBeGreaterThan(50)
      expect(Object.keys(summary.heads)).toHaveLength(summary.streams)
      // Against a calendar with one more holiday inside its window, the missed follow-up deadline falls a working day
      // later than the one recorded: the audit says so, naming the event.
      const moreHolidays = policyConfig({ holidays: [...exampleIndonesianHolidays2026, localDate('2026-04-09')] })
      const { findings: another } = await runAudit(run.ledger.store, { config: moreHolidays })
      expect(another.map(({ kind, streamName }) => ({ kind, streamName }))).toEqual([
        { kind: 'wrong-deadline', streamName: complaint.streamName(scenarioIds.complaintId) },
      ])
    } finally {
      await run.ledger.close()
    }
  })

  it('finds a complaint closed as resolved before its complainant was notified (as histories before the rule allowed)', async () => {
    const run = await runBelawanScenario()
    const stream = complaint.streamName(scenarioIds.complaintId)
    const store = inMemoryEventStore()
    try {
      // The demo's complaint up to its decision, copied as stored (its chain intact).
      for await (const record of run.ledger.store.readStream(stream)) {
        if (record.kind !== 'event') throw new Error('unreadable')
        const appended = await store.append(
          stream,
          [record],
          record.revision === 0 ? 'no-stream' : record.revision - 1,
        )()
        expect(E.isRight(appended)).toBe(true)
        if (record.type === 'ComplaintDecided') break
      }
      // A decider as it was before closing required the notification.
      const lenient = aggregate({
        category: complaint.category,
        commands: complaint.commands,
        events: complaint.events,
        id: complaint.id,
        idOf: complaint.idOf,
        decider: (config: PolicyConfig) => {
          const decider = complaint.decider(config)
          return {
            ...decider,
            decide: (command: ComplaintCommand, state: ComplaintState) =>
              command.type === 'CloseComplaint'
                ? E.right<never, readonly ComplaintEvent[]>([
                    {
                      type: 'ComplaintClosed',
                      data: { at: command.at, complaintId: command.data.complaintId, reason: 'resolved' },
                    },
                  ])
                : decider.decide(command, state),
          }
        },
      })
      const closed = await commandHandler({ store, aggregate: lenient, config: run.config }).handle(
        {
          type: 'CloseComplaint',
          at: instant('2026-04-22T10:00:00+07:00'),
          actor: { kind: 'asn', nip: nip('198402142009022001'), roles: ['asn', 'admin-pengaduan'] },
          data: { complaintId: scenarioIds.complaintId },
        },
        { commandId: 'close-early' },
      )()
      expect(E.isRight(closed)).toBe(true)
      const { findings } = await runAudit(store, { config: run.config })
      expect(findings.map(({ kind, streamName }) => ({ kind, streamName }))).toEqual([
        { kind: 'closed-unnotified', streamName: stream },
      ])
    } finally {
      await run.ledger.close()
    }
  })

  it('finds nothing in a clean SQLite history, and names the stream and revision of one flipped byte', async () => {
    const file = dir.file('pembina.db')
    await writeHistory(file)
    const clean = await auditFile(file)
    expect(clean.findings).toEqual([])
    expect(clean.summary.byKind).toEqual({})
    const raw = openRawDatabase(file)
    raw.exec(
      `UPDATE events SET data = replace(data, 'Prima', 'Prime') WHERE stream_name = ${sql(sariStream)} AND revision = 1`,
    )
    raw.close()
    const { findings } = await auditFile(file)
    expect(brief(findings)).toEqual([{ kind: 'tampered', streamName: sariStream, revision: 1 }])
  })

  it('finds a removed event as a gap in its stream', async () => {
    const file = dir.file('pembina.db')
    await writeHistory(file)
    const raw = openRawDatabase(file)
    raw.exec(`DELETE FROM events WHERE stream_name = ${sql(sariStream)} AND revision = 1`)
    raw.close()
    const { findings } = await auditFile(file)
    expect(brief(findings)).toEqual([{ kind: 'revision-gap', streamName: sariStream, revision: 2 }])
  })

  it('goes on after an unreadable event: the event after it is still checked against its own hash, and no gap is made up', async () => {
    const file = dir.file('pembina.db')
    await writeHistory(file)
    const raw = openRawDatabase(file)
    raw.exec(`UPDATE events SET metadata = 'not json' WHERE stream_name = ${sql(sariStream)} AND revision = 1`)
    raw.exec(
      `UPDATE events SET data = json_set(data, '$.minutes', 1) WHERE stream_name = ${sql(sariStream)} AND revision = 2`,
    )
    raw.close()
    const { findings, summary } = await auditFile(file)
    expect(brief(findings)).toEqual([
      { kind: 'unreadable', streamName: sariStream, revision: 1 },
      { kind: 'tampered', streamName: sariStream, revision: 2 },
    ])
    // A broken stream has no head to keep; the others do.
    expect(Object.keys(summary.heads)).not.toContain(sariStream)
    expect(Object.keys(summary.heads)).toHaveLength(summary.streams - 1)
  })

  it('finds events removed from the end of a stream against the heads of an earlier audit', async () => {
    const file = dir.file('pembina.db')
    await writeHistory(file)
    const before = await auditFile(file)
    const last = before.summary.heads[sariStream]?.revision ?? 0
    expect(last).toBeGreaterThan(0)
    const raw = openRawDatabase(file)
    raw.exec(`DELETE FROM events WHERE stream_name = ${sql(sariStream)} AND revision = ${last}`)
    raw.close()
    expect((await auditFile(file)).findings).toEqual([])
    const { findings } = await auditFile(file, headFileOf(before.summary, new Date('2026-12-06T00:00:00Z')))
    expect(findings).toEqual([
      {
        kind: 'rewritten-history',
        streamName: sariStream,
        revision: null,
        position: null,
        message: `the stream ends at revision ${last - 1}; an earlier audit saw it up to revision ${last}`,
      },
    ])
  })

  it('finds a training credit that no completed place caused', async () => {
    const file = dir.file('pembina.db')
    await writeHistory(file)
    const store = sqliteEventStore({ path: file })
    const who = staff[1] ?? nip('199001012015031003')
    const credited = await commandHandler({ store, aggregate: competency, config: defaultPolicy }).handle(
      {
        type: 'CreditLearning',
        at: instant('2026-04-01T09:00:00+07:00'),
        actor: { kind: 'system', process: 'policy:credit-training' },
        data: {
          nip: who,
          source: { kind: 'training', offeringId: 'never-held' },
          minutes: minutes(480),
          form: 'pelatihan-teknis',
          competency: { type: 'teknis', code: 'T.KES.07' },
          completedOn: localDate('2026-03-02'),
          title: 'A training nobody attended',
        },
      },
      { commandId: 'forged-credit' },
    )()
    expect(E.isRight(credited)).toBe(true)
    await store.close()
    const { findings } = await auditFile(file)
    expect(brief(findings)).toEqual([{ kind: 'untraced-credit', streamName: competency.streamName(who), revision: 3 }])
  })

  it("finds a mentorship accepted without a place reserved in its mentor's roster", async () => {
    const store = inMemoryEventStore()
    const handler = commandHandler({ store, aggregate: mentorship, config: defaultPolicy })
    const mentor = nip('197001012000031001')
    const mentee = staff[0] ?? nip('199203152019032004')
    const send = async (command: MentorshipCommand, commandId: string) => {
      const outcome = await handler.handle(command, { commandId })()
      expect(E.isRight(outcome) ? 'written' : outcome.left).toBe('written')
    }
    await send(
      {
        type: 'ProposeMentorship',
        at: instant('2026-02-02T09:00:00+07:00'),
        actor: { kind: 'asn', nip: mentee, roles: ['asn'] },
        data: {
          mentorshipId: 'laporan-2026-01',
          form: 'mentoring',
          mentor: { nip: mentor },
          mentee: { nip: mentee },
          unit: 'Puskesmas Belawan',
          goals: [{ goalId: 'laporan-kegiatan', description: 'Menulis laporan kegiatan sendiri' }],
          plannedSessions: 4,
        },
      },
      'propose',
    )
    await send(
      {
        type: 'AcceptMentorship',
        at: instant('2026-02-03T09:00:00+07:00'),
        actor: { kind: 'asn', nip: mentor, roles: ['asn', 'mentor'] },
        data: { mentorshipId: 'laporan-2026-01' },
      },
      'accept',
    )
    // Confirmed by a forged system command: no reservation in the mentor's roster caused it.
    await send(
      {
        type: 'ConfirmMentorship',
        at: instant('2026-02-03T09:05:00+07:00'),
        actor: { kind: 'system', process: 'policy:confirm-mentorship' },
        data: { mentorshipId: 'laporan-2026-01', request: 1 },
      },
      'forged-confirm',
    )
    const { findings } = await runAudit(store, { config: defaultPolicy })
    expect(brief(findings)).toEqual([
      { kind: 'unreserved-acceptance', streamName: mentorship.streamName('laporan-2026-01'), revision: 2 },
    ])
  })

  it('finds a stream rewritten with every hash recomputed, against the heads of an earlier audit', async () => {
    const file = dir.file('pembina.db')
    await writeHistory(file)
    const before = await auditFile(file)
    const heads = headFileOf(before.summary, new Date('2026-12-06T00:00:00Z'))
    // Change one credit's minutes and recompute the chain from there: the chain alone holds again.
    const last = await rewriteWithRecomputedHashes(file, sariStream, 1, data => ({ ...data, minutes: 60 }))
    const chainOnly = await auditFile(file)
    expect(chainOnly.findings).toEqual([])
    const againstHeads = await auditFile(file, heads)
    expect(brief(againstHeads.findings)).toEqual([
      { kind: 'rewritten-history', streamName: sariStream, revision: last },
    ])
  })
})
