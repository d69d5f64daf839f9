import { aggregate } from '../kernel/index.js'
import { factsAbout, type FactsRequest, noFactsNeeded } from '../shared/index.js'
import { Nip } from '../shared/index.js'
import { CompetencyCommand } from './commands.js'
import { competencyDecider } from './decider.js'
import { competencyEvents } from './events.js'
import { competencySnapshotVersion, CompetencyStateCodec } from './state-codec.js'

/** What a competency command's rules need to know: for a self-report's verification, the ASN's direct atasan. */
export const competencyFactsNeeded = (command: CompetencyCommand): FactsRequest =>
  command.type === 'CreditLearning' && command.data.source.kind === 'self-reported'
    ? factsAbout(command.data.nip)
    : noFactsNeeded

/** The competency profile of one ASN, one stream per NIP (`competency-<nip>`); its state can be snapshotted. */
export const competency = {
  ...aggregate({
    category: 'competency',
    commands: CompetencyCommand,
    events: competencyEvents,
    decider: competencyDecider,
    id: Nip,
    idOf: (command: CompetencyCommand) => command.data.nip,
    snapshots: { version: competencySnapshotVersion, codec: CompetencyStateCodec },
  }),
  factsNeeded: competencyFactsNeeded,
}
