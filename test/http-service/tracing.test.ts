// OpenTelemetry: with the SDK registered, the core's spans of a command are recorded under the request's span.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registryCommands } from '../../examples/http-service/load/scenario.js'
import { InMemorySpanExporter } from '../../examples/http-service/src/tracing.js'
import { startTestService, type TestService } from './support.js'

const exporter = new InMemorySpanExporter()
let running: TestService
beforeAll(async () => {
  running = await startTestService({ tracing: exporter })
}, 60_000)
afterAll(async () => {
  await running.cleanup()
}, 30_000)

describe('tracing', { timeout: 30_000 }, () => {
  it("a command's spans: the request, the core's handling of the command under it, and its append under that", async () => {
    const [establish] = registryCommands(0)
    if (establish === undefined) throw new Error('the registry starts with a unit')
    expect((await running.client.send(establish)).status).toBe(201)
    const spans = exporter.getFinishedSpans()
    const request = spans.find(span => span.name === 'POST /commands/unit')
    const handle = spans.find(span => span.name === 'pembina.handle EstablishUnit')
    const append = spans.find(span => span.name === 'pembina.append')
    expect(request?.attributes).toMatchObject({ 'http.response.status_code': 201 })
    expect(handle?.attributes).toMatchObject({
      'pembina.command.id': establish.key,
      'pembina.stream': 'unit-pemko-medan',
      'pembina.outcome': 'written',
    })
    expect(handle?.parentSpanContext?.spanId).toBe(request?.spanContext().spanId)
    expect(append?.parentSpanContext?.spanId).toBe(handle?.spanContext().spanId)
    expect(handle?.spanContext().traceId).toBe(request?.spanContext().traceId)
  })
})
