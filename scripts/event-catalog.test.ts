import { describe, expect, it } from 'vitest'
import { competencyEvents, complaintEvents, enrollmentEvents, mentorshipEvents } from '@pembina/core'
import { renderCatalog } from './event-catalog.js'

const registries = [enrollmentEvents, mentorshipEvents, competencyEvents, complaintEvents]

describe('event catalog', () => {
  it('lists every event type with its `at` field and the id of its aggregate', () => {
    const catalog = renderCatalog(
      registries.map((registry, i) => ({ aggregate: `aggregate ${i}`, stream: `s-${i}`, registry })),
    )
    for (const registry of registries)
      for (const schema of registry.schemas) {
        const section = catalog.split(`### ${schema.type}\n`)[1]?.split('\n### ')[0] ?? ''
        expect(section, schema.type).toContain('| `at` | `Instant` | yes |')
        expect(section.match(/^\| `/gm)?.length ?? 0, schema.type).toBeGreaterThanOrEqual(2)
      }
  })

  it('every event type has a one-sentence description', () => {
    for (const registry of registries)
      for (const schema of registry.schemas) expect(schema.description, schema.type).toMatch(/^[A-Z].*\.$/)
  })
})
