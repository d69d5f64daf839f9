// `pnpm demo`: a year of pembinaan ASN in Belawan, through the command handlers and the policy reactor, in memory.
import { reportLines } from './belawan/report.js'
import { runBelawanScenario } from './belawan/scenario.js'

console.log(
  'Pembina demo: pembinaan ASN in Kecamatan Medan Belawan, 2026 (in memory: the command handlers, and the reactor running the policies)',
)
const run = await runBelawanScenario()
for (const line of await reportLines(run)) console.log(line)
await run.ledger.close()
