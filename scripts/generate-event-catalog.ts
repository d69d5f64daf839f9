// Writes docs/events.md from the event codecs; with --check, exits 1 when the committed file is stale.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  competencyEvents,
  complaintEvents,
  enrollmentEvents,
  mentorRosterEvents,
  mentorshipEvents,
  organisationEvents,
  personnelEvents,
} from '@pembina/core'
import { renderCatalog } from './event-catalog.js'

const target = fileURLToPath(new URL('../docs/events.md', import.meta.url))
const catalog = renderCatalog([
  { aggregate: 'Organisation unit', stream: 'unit-<unitId>', registry: organisationEvents },
  { aggregate: 'Personnel record', stream: 'asn-<nip>', registry: personnelEvents },
  { aggregate: 'Training enrollment', stream: 'enrollment-<offeringId>', registry: enrollmentEvents },
  { aggregate: 'Mentorship', stream: 'mentorship-<mentorshipId>', registry: mentorshipEvents },
  { aggregate: 'Mentor roster', stream: 'mentor-<nip>', registry: mentorRosterEvents },
  { aggregate: 'Competency profile', stream: 'competency-<nip>', registry: competencyEvents },
  { aggregate: 'Public complaint', stream: 'complaint-<complaintId>', registry: complaintEvents },
])

if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : ''
  if (current !== catalog) {
    console.error('docs/events.md is stale: run `pnpm docs:events` and commit the result.')
    process.exit(1)
  }
  console.log('docs/events.md is current.')
} else {
  writeFileSync(target, catalog)
  console.log(`wrote ${target}`)
}
