// `pnpm bench [--quick] [--json FILE] [--rounds N]
// [--only commands|emmett|read|eventstoredb|rebuild|reactor|audit|demo|personal-data|verify-on-load|keyed-chain|keyed-audit[,...]]
// [--dir DIR]`:
// runs the benchmarks of test/bench, each ours against a hand-written baseline or a peer in the same run, and prints
// one table of ratios.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { commandBenchTitle, commandHandlingBench, type CommandBenchResult } from './command-handling.js'
import {
  formatCount,
  formatMegabytes,
  formatTable,
  median,
  missedTargets,
  pairedRatios,
  ratioCell,
  type Rounds,
  type TableRow,
} from './measure.js'
import { eventStoreDbBench, type EventStoreDbBenchResult } from './eventstoredb.js'
import { eventStoreDbClientsBench, type EventStoreDbClientsBenchResult } from './eventstoredb-clients.js'
import { projectionRebuildBench, type ProjectionRebuildBenchResult } from './projection-rebuild.js'
import { readFoldBench, type ReadBenchResult } from './read-fold.js'
import { reactorBench, type ReactorBenchResult } from './reactor.js'
import { auditBench, type AuditBenchResult, keyedAuditBench, type KeyedAuditBenchResult } from './audit-bench.js'
import { demoBench, type DemoBenchResult } from './demo-bench.js'
import { personalDataBench, type PersonalDataBenchResult } from './personal-data.js'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    rounds: { type: 'string' },
    only: { type: 'string' },
    dir: { type: 'string' },
  },
  strict: true,
})

const quick = values.quick
const sizes = {
  offerings: quick ? 100 : 2_000,
  events: quick ? 20_000 : 1_000_000,
  esdbEvents: quick ? 2_000 : 10_000,
  rebuildEvents: quick ? 20_000 : 1_000_000,
  reactorPlaces: quick ? 6_000 : 100_000,
  reactorProfiles: quick ? 600 : 10_000,
  auditEvents: quick ? 20_000 : 1_000_000,
  personalDataComplaints: quick ? 100 : 1_000,
}
const rounds = values.rounds === undefined ? (quick ? 3 : 5) : Math.max(1, Number.parseInt(values.rounds, 10))
const benchmarks = [
  'commands',
  'emmett',
  'read',
  'eventstoredb',
  'rebuild',
  'reactor',
  'audit',
  'demo',
  'personal-data',
  'verify-on-load',
  'keyed-chain',
  'keyed-audit',
] as const
type Benchmark = (typeof benchmarks)[number]
const isBenchmark = (name: string): name is Benchmark => benchmarks.some(known => known === name)
const only = values.only?.split(',')
for (const name of only ?? [])
  if (!isBenchmark(name))
    throw new Error(`--only takes one or more of ${benchmarks.map(known => `"${known}"`).join(', ')}, not "${name}"`)
const runs = (benchmark: Benchmark): boolean => only === undefined || only.includes(benchmark)
const targets = {
  commands: 0.7,
  emmett: 1.0,
  read: 0.5,
  rssBytes: 256 * 1024 * 1024,
  eventStoreDb: 0.9,
  rebuild: 0.3,
  rebuildRssBytes: 300 * 1024 * 1024,
  reactor: 0.8,
  reactorRssBytes: 256 * 1024 * 1024,
  audit: 0.33,
  auditRssBytes: 256 * 1024 * 1024,
  auditRssGrowth: 0.2,
  demoSeconds: 60,
  personalData: 0.8,
}
const command = ['pnpm bench', ...process.argv.slice(2)].join(' ')

const progress = (line: string): void => {
  process.stderr.write(`${line}\n`)
}
const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'pembina-bench-'))
mkdirSync(dir, { recursive: true })

const cpu = cpus()
progress(
  `${command}: node ${process.version}, ${process.platform} ${process.arch}, ${cpu.length} × ${cpu[0]?.model ?? '?'}`,
)
progress(`database files in ${dir}; ${rounds} rounds per benchmark, ours and the baseline alternating`)

const comparisonRow = (
  benchmark: string,
  size: string,
  unit: string,
  measured: Rounds,
  target: number,
  maxRssBytes?: Rounds,
): TableRow => {
  const ratios = pairedRatios(measured)
  return {
    benchmark,
    size,
    ours: `${formatCount(median(measured.ours))} ${unit}`,
    baseline: `${formatCount(median(measured.baseline))} ${unit}`,
    ratio: ratioCell(ratios),
    target: `>= ${target.toFixed(2)}×`,
    result: median(ratios) >= target ? 'met' : 'MISSED',
    ...(maxRssBytes === undefined
      ? {}
      : {
          oursRss: formatMegabytes(Math.max(...maxRssBytes.ours)),
          baselineRss: formatMegabytes(Math.max(...maxRssBytes.baseline)),
        }),
  }
}

const commandResults: CommandBenchResult[] = []
let readResult: ReadBenchResult | undefined
let esdbResult: EventStoreDbBenchResult | undefined
let esdbClientsResult: EventStoreDbClientsBenchResult | undefined
let rebuildResult: ProjectionRebuildBenchResult | undefined
let reactorResult: ReactorBenchResult | undefined
let auditResult: AuditBenchResult | undefined
let keyedAuditResult: KeyedAuditBenchResult | undefined
let demoResult: DemoBenchResult | undefined
const personalDataResults: PersonalDataBenchResult[] = []
try {
  if (runs('commands')) {
    for (const [cache, baseline] of [
      [false, 'rows'],
      [true, 'rows'],
      [false, 'computed'],
    ] as const)
      for (const mode of ['FULL', 'NORMAL'] as const)
        commandResults.push(
          await commandHandlingBench({ offerings: sizes.offerings, rounds, mode, cache, baseline, dir, progress }),
        )
    // The library's own cost: our handler on the in-memory store, against SQLite's work alone in its fastest mode.
    commandResults.push(
      await commandHandlingBench({
        ...{ offerings: sizes.offerings, rounds, mode: 'NORMAL', cache: false, baseline: 'rows', on: 'memory' },
        ...{ dir, progress },
      }),
    )
  }
  // What verifying the hash chain on every load costs: ours with `verifyOnLoad` against ours without (no target).
  if (runs('verify-on-load'))
    for (const mode of ['FULL', 'NORMAL'] as const)
      commandResults.push(
        await commandHandlingBench({
          ...{ offerings: sizes.offerings, rounds, mode, cache: false, baseline: 'unverified' },
          ...{ dir, progress },
        }),
      )
  // What keying the chain costs on top of verifying it: ours keyed against ours unkeyed, both verifying (no target).
  if (runs('keyed-chain'))
    for (const mode of ['FULL', 'NORMAL'] as const)
      commandResults.push(
        await commandHandlingBench({
          ...{ offerings: sizes.offerings, rounds, mode, cache: false, baseline: 'unkeyed' },
          ...{ dir, progress },
        }),
      )
  // The in-memory peer: ours in memory against Emmett's in-memory store and handler, the same decide and evolve.
  if (runs('emmett'))
    commandResults.push(
      await commandHandlingBench({
        ...{ offerings: sizes.offerings, rounds, mode: 'NORMAL', cache: false, baseline: 'emmett', on: 'memory' },
        ...{ dir, progress },
      }),
    )
  if (runs('read')) readResult = await readFoldBench({ events: sizes.events, rounds, dir, progress })
  if (runs('eventstoredb')) {
    esdbResult = await eventStoreDbBench({ events: sizes.esdbEvents, rounds, progress })
    esdbClientsResult = await eventStoreDbClientsBench({ events: sizes.esdbEvents, rounds, progress })
  }
  if (runs('rebuild'))
    rebuildResult = await projectionRebuildBench({ events: sizes.rebuildEvents, rounds, dir, progress })
  if (runs('audit')) auditResult = await auditBench({ events: sizes.auditEvents, rounds, dir, progress })
  // What the keyed chain costs an audit: ours with the keyring against ours without, a tenth of the audit's history.
  if (runs('keyed-audit'))
    keyedAuditResult = await keyedAuditBench({ events: Math.round(sizes.auditEvents / 10), rounds, dir, progress })
  if (runs('demo')) demoResult = await demoBench({ rounds, dir, progress })
  if (runs('reactor'))
    reactorResult = await reactorBench({
      ...{ places: sizes.reactorPlaces, profiles: sizes.reactorProfiles, rounds },
      ...{ dir, progress },
    })
  if (runs('personal-data'))
    for (const mode of ['FULL', 'NORMAL'] as const)
      personalDataResults.push(
        await personalDataBench({ complaints: sizes.personalDataComplaints, mode, rounds, dir, progress }),
      )
} finally {
  if (values.dir === undefined) rmSync(dir, { recursive: true, force: true })
}

// The SQLite target is against the baseline inserting our rows, without the state cache (issue 14), the in-memory one
// against Emmett; the state-cache rows, the computing baseline's, and ours in memory against SQLite are for comparison.
const rows: TableRow[] = commandResults.map(result => {
  const target = result.baseline === 'emmett' ? targets.emmett : targets.commands
  const row = comparisonRow(
    commandBenchTitle(result),
    `${formatCount(result.offerings)} offerings × 10 commands`,
    'commands/s',
    result.rounds,
    target,
    result.maxRssBytes,
  )
  const hasTarget =
    result.baseline === 'emmett' || (result.baseline === 'rows' && result.on === 'sqlite' && !result.cache)
  return hasTarget ? row : { ...row, target: '-', result: 'n/a' }
})
if (readResult !== undefined) {
  const peakOurs = Math.max(...readResult.maxRssBytes.ours)
  rows.push(
    comparisonRow(
      'read + decode + fold',
      `${formatCount(readResult.events)} events`,
      'events/s',
      readResult.rounds,
      targets.read,
      readResult.maxRssBytes,
    ),
    {
      benchmark: 'peak RSS of read + decode + fold',
      size: `${formatCount(readResult.events)} events`,
      ours: `${formatMegabytes(peakOurs)} (max)`,
      baseline: `${formatMegabytes(Math.max(...readResult.maxRssBytes.baseline))} (max)`,
      ratio: '-',
      target: `ours < ${formatMegabytes(targets.rssBytes)}`,
      result: peakOurs < targets.rssBytes ? 'met' : 'MISSED',
    },
  )
}
if (esdbResult !== undefined)
  rows.push(
    comparisonRow(
      'EventStoreDB appends, adapter vs raw client',
      `${formatCount(esdbResult.events)} one-event appends`,
      'appends/s',
      esdbResult.appends,
      targets.eventStoreDb,
    ),
    comparisonRow(
      'EventStoreDB stream read, adapter vs raw client',
      `${formatCount(esdbResult.events)} events`,
      'events/s',
      esdbResult.reads,
      targets.eventStoreDb,
    ),
  )
// Informative: which client package is faster through the adapter; no target, neither side is ours.
const clientRow = (benchmark: string, size: string, unit: string, measured: Rounds): TableRow => ({
  benchmark,
  size,
  ours: `${formatCount(median(measured.ours))} ${unit}`,
  baseline: `${formatCount(median(measured.baseline))} ${unit}`,
  ratio: ratioCell(pairedRatios(measured)),
  target: 'none',
  result: 'n/a',
})
if (esdbClientsResult !== undefined)
  rows.push(
    clientRow(
      'EventStoreDB appends through the adapter, kurrentdb-client 1.3.1 vs db-client 6.2.1',
      `${formatCount(esdbClientsResult.events)} one-event appends`,
      'appends/s',
      esdbClientsResult.appends,
    ),
    clientRow(
      'EventStoreDB stream read through the adapter, kurrentdb-client 1.3.1 vs db-client 6.2.1',
      `${formatCount(esdbClientsResult.events)} events`,
      'events/s',
      esdbClientsResult.reads,
    ),
  )
if (rebuildResult !== undefined) {
  const peakOurs = Math.max(...rebuildResult.maxRssBytes.ours)
  rows.push(
    comparisonRow(
      'projection rebuild, SQLite to SQLite',
      `${formatCount(rebuildResult.events)} events`,
      'events/s',
      rebuildResult.rounds,
      targets.rebuild,
      rebuildResult.maxRssBytes,
    ),
    {
      benchmark: 'peak RSS of projection rebuild',
      size: `${formatCount(rebuildResult.events)} events`,
      ours: `${formatMegabytes(peakOurs)} (max)`,
      baseline: `${formatMegabytes(Math.max(...rebuildResult.maxRssBytes.baseline))} (max)`,
      ratio: '-',
      target: `ours < ${formatMegabytes(targets.rebuildRssBytes)}`,
      result: peakOurs < targets.rebuildRssBytes ? 'met' : 'MISSED',
    },
  )
}
if (reactorResult !== undefined) {
  const peakOurs = Math.max(...reactorResult.maxRssBytes.ours)
  const size = `${formatCount(reactorResult.places)} completed places`
  rows.push(
    comparisonRow(
      'reactor on SQLite vs the handler in a loop',
      size,
      'commands/s',
      reactorResult.rounds,
      targets.reactor,
      reactorResult.maxRssBytes,
    ),
    {
      benchmark: 'peak RSS of the reactor',
      size,
      ours: `${formatMegabytes(peakOurs)} (max)`,
      baseline: `${formatMegabytes(Math.max(...reactorResult.maxRssBytes.baseline))} (max)`,
      ratio: '-',
      target: `ours < ${formatMegabytes(targets.reactorRssBytes)}`,
      result: peakOurs < targets.reactorRssBytes ? 'met' : 'MISSED',
    },
  )
}
if (auditResult !== undefined) {
  const peakOurs = Math.max(...auditResult.maxRssBytes.ours)
  const growth = peakOurs / auditResult.tenthRssBytes - 1
  const size = `${formatCount(auditResult.events)} events`
  rows.push(
    comparisonRow(
      'pembina audit, SQLite',
      size,
      'events/s',
      auditResult.rounds,
      targets.audit,
      auditResult.maxRssBytes,
    ),
    {
      benchmark: 'peak RSS of the audit',
      size,
      ours: `${formatMegabytes(peakOurs)} (max)`,
      baseline: `${formatMegabytes(Math.max(...auditResult.maxRssBytes.baseline))} (max)`,
      ratio: '-',
      target: `ours < ${formatMegabytes(targets.auditRssBytes)}`,
      result: peakOurs < targets.auditRssBytes ? 'met' : 'MISSED',
    },
    {
      benchmark: 'audit peak RSS growth, a tenth to the whole',
      size: `${formatCount(Math.round(auditResult.events / 10))} to ${size}`,
      ours: `${formatMegabytes(auditResult.tenthRssBytes)} to ${formatMegabytes(peakOurs)}`,
      baseline: '-',
      ratio: `+${(growth * 100).toFixed(0)} %`,
      target: `< +${(targets.auditRssGrowth * 100).toFixed(0)} %`,
      result: growth < targets.auditRssGrowth ? 'met' : 'MISSED',
    },
  )
}
if (keyedAuditResult !== undefined) {
  const row = comparisonRow(
    'pembina audit, SQLite, keyed chain vs unkeyed',
    `${formatCount(keyedAuditResult.events)} events`,
    'events/s',
    keyedAuditResult.rounds,
    0,
    keyedAuditResult.maxRssBytes,
  )
  rows.push({ ...row, target: '-', result: 'n/a' })
}
if (demoResult !== undefined) {
  const seconds = median(demoResult.seconds)
  rows.push({
    benchmark: 'pembina demo, process start to exit',
    size: `a Belawan year, ${formatCount(demoResult.commands)} commands`,
    ours: `${seconds.toFixed(1)} s (${Math.min(...demoResult.seconds).toFixed(1)}-${Math.max(...demoResult.seconds).toFixed(1)} s)`,
    baseline: '-',
    ratio: '-',
    target: `< ${targets.demoSeconds} s`,
    result: seconds < targets.demoSeconds ? 'met' : 'MISSED',
  })
}
// Sealing and opening against the same handling without personal fields: the target is on the whole (the write path
// and the openings); the write path alone and the floor (the same guarantees by hand, against the same program without
// personal data) are for comparison.
for (const result of personalDataResults) {
  const size = `${formatCount(result.complaints)} complaints × 8 commands`
  const unit = 'commands/s'
  const noTarget = (row: TableRow): TableRow => ({ ...row, target: '-', result: 'n/a' })
  rows.push(
    noTarget(
      comparisonRow(
        `personal data, ${result.mode}: sealed write path vs none`,
        size,
        unit,
        result.write,
        targets.personalData,
        result.maxRssBytes,
      ),
    ),
    comparisonRow(
      `personal data, ${result.mode}: sealed write + open vs none`,
      size,
      unit,
      result.writeOpen,
      targets.personalData,
    ),
    noTarget(
      comparisonRow(
        `personal data floor, ${result.mode}: write path vs none`,
        size,
        unit,
        result.floorWrite,
        targets.personalData,
      ),
    ),
    noTarget(
      comparisonRow(
        `personal data floor, ${result.mode}: write + open vs none`,
        size,
        unit,
        result.floorWriteOpen,
        targets.personalData,
      ),
    ),
    noTarget(
      comparisonRow(
        `personal data, ${result.mode}: our baseline + the floor's cost`,
        size,
        unit,
        result.bound,
        targets.personalData,
      ),
    ),
  )
}
const table = formatTable(rows)
console.log(`\n${command}\n\n${table}\n`)
console.log('ratio: our throughput / the baseline throughput in the same round; median over rounds, (min-max).')
console.log('peak RSS: the highest over the rounds of a side, each side in a process of its own; - where in-process.')

if (values.json !== undefined) {
  const report = {
    command,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: `${cpu.length} × ${cpu[0]?.model ?? '?'}`,
    rounds,
    targets,
    commandHandling: commandResults.map(result => ({ ...result, ratios: pairedRatios(result.rounds) })),
    readDecodeFold: readResult === undefined ? null : { ...readResult, ratios: pairedRatios(readResult.rounds) },
    eventStoreDb:
      esdbResult === undefined
        ? null
        : {
            ...esdbResult,
            appendRatios: pairedRatios(esdbResult.appends),
            readRatios: pairedRatios(esdbResult.reads),
          },
    eventStoreDbClients:
      esdbClientsResult === undefined
        ? null
        : {
            ...esdbClientsResult,
            appendRatios: pairedRatios(esdbClientsResult.appends),
            readRatios: pairedRatios(esdbClientsResult.reads),
          },
    projectionRebuild:
      rebuildResult === undefined ? null : { ...rebuildResult, ratios: pairedRatios(rebuildResult.rounds) },
    reactor: reactorResult === undefined ? null : { ...reactorResult, ratios: pairedRatios(reactorResult.rounds) },
    audit: auditResult === undefined ? null : { ...auditResult, ratios: pairedRatios(auditResult.rounds) },
    demo: demoResult ?? null,
    personalData: personalDataResults.map(result => ({
      ...result,
      writeRatios: pairedRatios(result.write),
      writeOpenRatios: pairedRatios(result.writeOpen),
      floorWriteRatios: pairedRatios(result.floorWrite),
      floorWriteOpenRatios: pairedRatios(result.floorWriteOpen),
      boundRatios: pairedRatios(result.bound),
    })),
    table: rows,
  }
  writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`)
  progress(`figures written to ${values.json}`)
}

// A missed target fails the command, so a script or CI running `pnpm bench` sees it without reading the table.
const missed = missedTargets(rows)
if (missed !== undefined) {
  console.error(missed)
  process.exitCode = 1
}
