import { context, propagation, trace } from '@opentelemetry/api'
import { NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node'

/** The console's exporter (to see the spans) and one that keeps them in memory (for a test). */
export { ConsoleSpanExporter, InMemorySpanExporter } from '@opentelemetry/sdk-trace-node'

/** A tracer provider registered for the process, and how to flush and unregister it. */
export interface Tracing {
  readonly shutdown: () => Promise<void>
}

/**
 * Registers the OpenTelemetry SDK for the process with one exporter (the console's, `new ConsoleSpanExporter()`, to
 * see the spans), so the spans the core opens through `@opentelemetry/api` (`pembina.handle <type>`,
 * `pembina.append`) are recorded, under the span of the HTTP request that sent the command. Each span is exported as it
 * ends; a production service would batch them (`BatchSpanProcessor`) to an OTLP collector instead.
 */
export const startTracing = (exporter: SpanExporter): Tracing => {
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })
  provider.register()
  return {
    shutdown: async () => {
      await provider.shutdown()
      trace.disable()
      context.disable()
      propagation.disable()
    },
  }
}
