// `pnpm bench:profile [offerings]`: where the in-memory command handler's time goes, per command. Runs the
// command-handling workload (offerings × 10 enrollment commands) through `commandHandler` on `inMemoryEventStore`
// once to warm up, then again under V8's sampling profiler (node:inspector, a sample every 50 µs), and prints the
// self time of every sampled function, grouped by the step of handling it belongs to, in µs per command.
// Sampling has a cost of its own and its figures move with the machine's load: read them as proportions.
import { Session } from 'node:inspector/promises'
import { inMemoryEventStore } from '@pembina/core'
import { enrollmentHandler, handleOrThrow, workloadCommands } from './enrollment-workload.js'

/** The step a sampled function belongs to, from the file it is in (first match wins). */
const steps: readonly (readonly [string, (url: string, name: string) => boolean])[] = [
  ['garbage collection', (_, name) => name === '(garbage collector)'],
  ['in-memory store', url => url.includes('/in-memory/')],
  ['canonical JSON', url => url.includes('canonical-json')],
  ['event ids (uuid v5)', url => url.includes('event-ids')],
  ['hash chain', url => url.includes('hash-chain')],
  ['SHA-1 / SHA-256 (node:crypto)', (url, name) => url.includes('crypto') || name === 'hash'],
  ['new events and metadata', url => url.includes('new-events') || url.includes('event-metadata')],
  ['load: check and fold records', url => url.includes('/loading/')],
  ['decode (registry, io-ts)', url => url.includes('/registry') || url.includes('io-ts')],
  ['evolve (enrollment)', url => url.includes('/enrollment/evolve')],
  ['decide (enrollment)', url => url.includes('/enrollment/')],
  ['values (dates, NIPs, actors)', url => url.includes('/shared/') || url.includes('/kernel/')],
  ['spans (OpenTelemetry)', url => url.includes('opentelemetry') || url.includes('tracing')],
  ['handler (attempts, outcome)', url => url.includes('/handling/')],
  ['fp-ts', url => url.includes('fp-ts')],
  ['Node internals (promises, microtasks)', url => url.startsWith('node:') || url === ''],
  ['benchmark loop', url => url.includes('/test/bench/')],
]

const stepOf = (url: string, name: string): string => {
  if (name === '(program)' || name === '(idle)' || name === '(root)') return '(idle, program)'
  return steps.find(([, matches]) => matches(url, name))?.[0] ?? `other: ${url.split('/').slice(-2).join('/')}`
}

const offerings = Number.parseInt(process.argv[2] ?? '2000', 10)
// Timed once more without the profiler first, for the time a command takes when nothing samples it.
const timeOnly = async (): Promise<number> => {
  const handler = enrollmentHandler(inMemoryEventStore())
  const started = performance.now()
  for (const command of commands) await handleOrThrow(handler, command)
  return ((performance.now() - started) * 1000) / commands.length
}
const commands = workloadCommands(offerings)

// Warm-up: one whole run on a store of its own, as the benchmark's children do.
const warm = enrollmentHandler(inMemoryEventStore())
for (const command of commands) await handleOrThrow(warm, command)

const unprofiled = await timeOnly()
const session = new Session()
session.connect()
await session.post('Profiler.enable')
await session.post('Profiler.setSamplingInterval', { interval: 50 })
const handler = enrollmentHandler(inMemoryEventStore())
await session.post('Profiler.start')
const started = performance.now()
for (const command of commands) await handleOrThrow(handler, command)
const elapsedMs = performance.now() - started
const { profile } = await session.post('Profiler.stop')
session.disconnect()

// Self time per node: the time deltas of the samples that landed in it.
const selfUs = new Map<number, number>()
const samples = profile.samples ?? []
const deltas = profile.timeDeltas ?? []
for (let i = 0; i < samples.length; i++) {
  const node = samples[i]
  const next = deltas[i + 1] ?? 0
  if (node !== undefined) selfUs.set(node, (selfUs.get(node) ?? 0) + next)
}
const byStep = new Map<string, number>()
for (const node of profile.nodes) {
  const us = selfUs.get(node.id) ?? 0
  const step = stepOf(node.callFrame.url, node.callFrame.functionName)
  byStep.set(step, (byStep.get(step) ?? 0) + us)
}
const perCommand = (us: number): string => (us / commands.length).toFixed(2).padStart(7)
const busy = [...byStep].filter(([step]) => step !== '(idle, program)')
const total = busy.reduce((sum, [, us]) => sum + us, 0)
console.log(
  `${commands.length} commands: ${unprofiled.toFixed(1)} µs per command without the profiler, ${((elapsedMs * 1000) / commands.length).toFixed(1)} µs under it`,
)
console.log('step                                        µs/command  share')
for (const [step, us] of busy.sort((a, b) => b[1] - a[1]))
  console.log(`${step.padEnd(44)}${perCommand(us)}  ${((100 * us) / total).toFixed(1).padStart(5)} %`)
console.log(`${'all sampled work'.padEnd(44)}${perCommand(total)}`)
