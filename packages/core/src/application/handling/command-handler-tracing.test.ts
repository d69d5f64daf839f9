import { SpanStatusCode } from '@opentelemetry/api'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { enrollment, type EnrollmentCommand } from '../../enrollment/index.js'
import type { EventStore } from '../../kernel/event-store.js'
import { defaultPolicy } from '../../shared/policy-config.js'
import { inMemoryEventStore } from '../in-memory/index.js'
import { commandHandler } from './command-handler.js'
import {
  offeringId,
  offeringStream as stream,
  openOffering as open,
  readThenAppend,
  recordingTracer,
} from './test-support.js'

const admin = open.actor
const start: EnrollmentCommand = { type: 'StartOffering', at: open.at, actor: admin, data: { offeringId } }

const traced = (store: EventStore) => {
  const { tracer, spans } = recordingTracer()
  const handler = commandHandler({
    store,
    aggregate: enrollment,
    config: defaultPolicy,
    retry: { attempts: 2 },
    sleep: () => Promise.resolve(),
    tracer,
  })
  return { handler, spans }
}

describe('command handler tracing (OpenTelemetry API only)', () => {
  it('records a handle span with stream, command type, attempts and outcome, and a child span per append', async () => {
    const { handler, spans } = traced(inMemoryEventStore())
    await handler.handle(open, { commandId: 'open-1' })()
    expect(spans.map(s => s.name)).toEqual(['pembina.handle OpenOffering', 'pembina.append'])
    const [handle, append] = spans
    expect(handle?.attributes).toEqual({
      'pembina.stream': stream,
      'pembina.command.type': 'OpenOffering',
      'pembina.command.id': 'open-1',
      'pembina.attempts': 1,
      'pembina.outcome': 'written',
    })
    expect(append?.parent).toBe(handle?.span)
    expect(append?.attributes).toEqual({
      'pembina.stream': stream,
      'pembina.events': 1,
      'pembina.expected_revision': 'no-stream',
      'pembina.outcome': 'written',
    })
    expect(spans.every(s => s.ended)).toBe(true)
  })

  it('marks a rejection as an outcome, not an error, and appends nothing', async () => {
    const { handler, spans } = traced(inMemoryEventStore())
    await handler.handle(start, { commandId: 'start-1' })()
    expect(spans).toHaveLength(1)
    expect(spans[0]).toMatchObject({ attributes: { 'pembina.outcome': 'rejected' }, status: undefined, ended: true })
  })

  it('records every append attempt under one handle span, and a conflict after the bound as an error', async () => {
    const inner = inMemoryEventStore()
    const busy: EventStore = {
      ...readThenAppend(inner),
      append: (streamName, _events, expected) => () =>
        Promise.resolve(E.left({ _tag: 'ConcurrencyConflict', streamName, expected, actual: 3 })),
    }
    const { handler, spans } = traced(busy)
    await handler.handle(open, { commandId: 'open-1' })()
    const [handle, ...appends] = spans
    expect(handle?.attributes).toMatchObject({ 'pembina.attempts': 2, 'pembina.outcome': 'conflict' })
    expect(handle?.status?.code).toBe(SpanStatusCode.ERROR)
    expect(appends.map(s => [s.name, s.parent === handle?.span, s.attributes['pembina.outcome']])).toEqual([
      ['pembina.append', true, 'ConcurrencyConflict'],
      ['pembina.append', true, 'ConcurrencyConflict'],
    ])
  })

  it('records a repeated command id as a duplicate without appending', async () => {
    const { handler, spans } = traced(inMemoryEventStore())
    await handler.handle(open, { commandId: 'open-1' })()
    await handler.handle(open, { commandId: 'open-1' })()
    expect(spans.map(s => [s.name, s.attributes['pembina.outcome']])).toEqual([
      ['pembina.handle OpenOffering', 'written'],
      ['pembina.append', 'written'],
      ['pembina.handle OpenOffering', 'duplicate'],
    ])
  })
})
