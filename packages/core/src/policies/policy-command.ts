import { competency, type CompetencyCommand } from '../competency/index.js'
import type { StreamName } from '../kernel/index.js'
import type { Nip } from '../shared/index.js'

/** A command a policy asks for, and the stream it is for. Policies only ever write to competency profiles. */
export interface PolicyCommand {
  readonly stream: StreamName<'competency'>
  readonly command: CompetencyCommand
}

/** Addresses a competency command to the profile of the ASN it names. */
export const toProfile = (nip: Nip, command: CompetencyCommand): PolicyCommand => ({
  stream: competency.streamName(nip),
  command,
})

/** Keeps generated titles within the 200 characters a credit's title allows. */
export const shortTitle = (title: string): string => (title.length <= 200 ? title : `${title.slice(0, 199)}…`)
