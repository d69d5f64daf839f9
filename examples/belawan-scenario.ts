// `pnpm demo`: a year of pembinaan ASN in Belawan, through the deciders and policies, in memory.
import { reportLines } from './belawan/report.js'
import { runBelawanScenario } from './belawan/scenario.js'

console.log('Pembina demo: pembinaan ASN in Kecamatan Medan Belawan, 2026 (in memory, through the pure deciders)')
for (const line of reportLines(runBelawanScenario())) console.log(line)
