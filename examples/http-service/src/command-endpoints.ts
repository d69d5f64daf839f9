import {
  type ChainKeyring,
  type CommandContext,
  commandHandler,
  competency,
  complaint,
  ComplaintInput,
  complaintSealer,
  complaintSubjectFromStore,
  type DecodeFailure,
  decodeWith,
  type DomainEvent,
  enrollment,
  type EventStore,
  type HandleResult,
  type KeyStore,
  mentorRoster,
  mentorship,
  organisation,
  personnel,
  PersonnelInput,
  personnelSealer,
  type PolicyConfig,
  type Rejection,
  rememberedSubjects,
  type RetryPolicy,
  type SealingFailure,
  sealingHandler,
  storeDirectory,
} from '@pembina/core'
import type { ReactorHandlers } from '@pembina/projections'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'
import type * as t from 'io-ts'
import { type Permission, permissions } from './permissions.js'

/** The aggregates served, by the category in their URL (`POST /commands/enrollment`). */
export type CommandCategory = keyof typeof permissions

/** A command that decoded: its data (for the request's fingerprint), and how to send it under a command id. */
export interface DecodedCommand {
  readonly data: unknown
  readonly send: (context: CommandContext) => Promise<E.Either<SealingFailure<Rejection>, HandleResult<DomainEvent>>>
}

/** One aggregate as the service serves it: who may send each command, and its codec and handler. */
export interface CommandEndpoint {
  readonly permissions: Readonly<Record<string, Permission>>
  readonly decode: (command: unknown) => E.Either<DecodeFailure, DecodedCommand>
}

interface Handles<Input> {
  readonly handle: (
    input: Input,
    context: CommandContext,
  ) => TE.TaskEither<SealingFailure<Rejection>, HandleResult<DomainEvent>>
}

const endpoint = <Input extends { readonly data: unknown }, Output>(
  category: CommandCategory,
  codec: t.Type<Input, Output>,
  handler: Handles<Input>,
): CommandEndpoint => ({
  permissions: permissions[category],
  decode: command =>
    E.map((input: Input): DecodedCommand => ({ data: input.data, send: context => handler.handle(input, context)() }))(
      decodeWith(codec, `${category} command`)(command),
    ),
})

/** What the handlers are built from. */
export interface HandlerOptions {
  readonly store: EventStore
  readonly keys: KeyStore
  readonly config: PolicyConfig
  readonly retry?: Partial<RetryPolicy>
  /** The chain's keyring: every handler writes a keyed chain and verifies it on load. */
  readonly chainKeys?: ChainKeyring
}

/**
 * The command handlers of every aggregate served, and those the reactor sends the policies' commands to. Every rule
 * that depends on who someone is reads the personnel registry as of the command's instant (`storeDirectory`); the
 * complainants' and ASN's personal fields arrive in clear and are sealed per data subject before any decider sees them.
 */
export const commandEndpoints = (
  options: HandlerOptions,
): { readonly endpoints: Readonly<Record<CommandCategory, CommandEndpoint>>; readonly reactor: ReactorHandlers } => {
  const { store, keys, config } = options
  const base = {
    store,
    config,
    directory: storeDirectory(store),
    ...(options.retry === undefined ? {} : { retry: options.retry }),
    ...(options.chainKeys === undefined ? {} : { chainKeys: options.chainKeys, verifyOnLoad: true }),
  }
  const reactor = {
    competency: commandHandler({ ...base, aggregate: competency }),
    mentorship: commandHandler({ ...base, aggregate: mentorship }),
    mentor: commandHandler({ ...base, aggregate: mentorRoster }),
  }
  const endpoints = {
    unit: endpoint('unit', organisation.commands, commandHandler({ ...base, aggregate: organisation })),
    asn: endpoint(
      'asn',
      PersonnelInput,
      sealingHandler(commandHandler({ ...base, aggregate: personnel }), personnelSealer(keys), input =>
        personnel.streamName(input.data.nip),
      ),
    ),
    enrollment: endpoint('enrollment', enrollment.commands, commandHandler({ ...base, aggregate: enrollment })),
    mentorship: endpoint('mentorship', mentorship.commands, reactor.mentorship),
    competency: endpoint('competency', competency.commands, reactor.competency),
    // The complaint's subject is read from its filing once, then remembered (pseudonymous ids only).
    complaint: endpoint(
      'complaint',
      ComplaintInput,
      sealingHandler(
        commandHandler({ ...base, aggregate: complaint }),
        complaintSealer(keys, rememberedSubjects(complaintSubjectFromStore(store))),
        input => complaint.streamName(input.data.complaintId),
      ),
    ),
  }
  return { endpoints, reactor }
}
