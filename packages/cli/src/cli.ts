import { Command, CommanderError, Option } from 'commander'
import pc from 'picocolors'
import { inMemoryReadModelStore } from '@pembina/projections'
import { sqliteKeyStore, type SqliteKeyStore, sqliteReadModelStore } from '@pembina/sqlite'
import type { EventStore, PolicyConfig } from '@pembina/core'
import { systemClock } from './clock.js'
import { CliError, exitCodes } from './cli-error.js'
import { auditCommand } from './commands/audit.js'
import { exportCommand, importCommand } from './commands/export-import.js'
import {
  keysAnchorCommand,
  keysChainCommand,
  keysRetireCommand,
  keysRotateCommand,
  readChainKeyring,
  secretFileWarning,
} from './commands/keys.js'
import { eraseCommand, openingsCommand } from './commands/personal-data.js'
import { replayCommand } from './commands/replay.js'
import { readConfig } from './config-file.js'
import { demoCommand, removeSqliteFiles } from './demo/run-demo.js'
import { defaultStoreUrl, openStore, parseStoreUrl } from './store-url.js'

/** Where a run of the command writes: its result to `out`, progress and errors to `err`. */
export interface CliIo {
  readonly out: (line: string) => void
  readonly err: (line: string) => void
}

interface CommonOptions {
  readonly store: string
  readonly config?: string
  readonly json: boolean
  readonly progress: boolean
}

interface AuditOptions extends CommonOptions {
  readonly heads?: string
  readonly strict: boolean
  readonly html?: string
  readonly csv?: string
  readonly year?: string
  readonly keys?: string
  readonly chainKeys?: string
  readonly signKey?: string
  readonly anchorKey?: string
}

interface DemoOptions extends CommonOptions {
  readonly seed: string
  readonly fresh: boolean
  readonly keys?: string
  readonly chainKeys?: string
}

const withCommon = (command: Command): Command =>
  command
    .addOption(
      new Option(
        '--store <url>',
        'the store: sqlite:FILE, esdb://HOST:PORT, or jsonl:FILE (an export, read-only)',
      ).default(defaultStoreUrl),
    )
    .option('--config <file>', 'the policy configuration, a JSON file (default: the built-in defaults)')
    .option('--json', 'print one JSON document, for scripts', false)
    .option('--no-progress', 'no progress bar (there is none anyway when stderr is not a terminal)')

/** Opens the store and reads the configuration of a command's options, runs it, and closes the store. */
const withStore = async (
  options: CommonOptions,
  mustExist: boolean,
  run: (store: EventStore, config: PolicyConfig) => Promise<number>,
): Promise<number> => {
  const config = readConfig(options.config)
  const url = parseStoreUrl(options.store)
  if (!mustExist && url.kind === 'jsonl')
    throw new CliError(`${options.store} is read-only: write into sqlite:FILE or an EventStoreDB`)
  const store = await openStore(url, { mustExist })
  try {
    return await run(store, config)
  } finally {
    await store.close()
  }
}

/** Warns on stderr of each file of secrets given that others than its owner may read. */
const warnOfSecrets = (io: CliIo, files: readonly (readonly [string | undefined, string])[]): void => {
  for (const [file, what] of files) {
    const warning = file === undefined ? undefined : secretFileWarning(file, what)
    if (warning !== undefined) io.err(warning)
  }
}

const example = (lines: readonly string[]): string => `\nExamples:\n${lines.map(line => `  $ ${line}`).join('\n')}\n`

/** Builds the `pembina` program; each action sets `exit` to the command's exit code. */
const program = (io: CliIo, setExit: (code: number) => void, args: readonly string[]): Command => {
  const root = new Command('pembina')
    .description('Replay, audit, export and import a Pembina event store (pembinaan ASN, Belawan).')
    .version('0.1.0')
    .showHelpAfterError()
    .configureOutput({
      writeOut: text => {
        io.out(text.trimEnd())
      },
      writeErr: text => {
        io.err(text.trimEnd())
      },
    })
    .addHelpText(
      'after',
      `\nExit codes: ${exitCodes.ok} done, ${exitCodes.findings} findings (audit --strict), ${exitCodes.badInput} bad input, ${exitCodes.storeFailed} the store failed.`,
    )

  withCommon(root.command('demo'))
    .description('seed a Belawan year into the store through the command handlers and the reactor, and summarise it')
    .option('--seed <n>', 'the seed of the year (the same seed gives the same year)', '2026')
    .option('--fresh', 'delete the SQLite file (and its key store) first and start over', false)
    .option(
      '--keys <file>',
      "the SQLite key store the complainants' personal data is sealed with (default: the store's file + .keys)",
    )
    .option(
      '--chain-keys <file>',
      'a chain key file (pembina keys chain): every event is written with a MAC under its current key',
    )
    .addHelpText(
      'after',
      example([
        'pembina demo',
        'pembina demo --fresh --store sqlite:belawan.db',
        'pembina demo --chain-keys chain-keys.json',
      ]),
    )
    .action(async (options: DemoOptions) => {
      const seed = Number(options.seed)
      if (!Number.isSafeInteger(seed) || seed < 0) throw new CliError(`--seed ${options.seed} is not a whole number`)
      const chainKeys = options.chainKeys === undefined ? undefined : readChainKeyring(options.chainKeys)
      warnOfSecrets(io, [[options.chainKeys, 'chain key file']])
      const url = parseStoreUrl(options.store)
      const keysPath = options.keys ?? (url.kind === 'sqlite' ? `${url.path}.keys` : 'pembina-keys.sqlite')
      if (options.fresh) {
        if (url.kind !== 'sqlite') throw new CliError('--fresh deletes an SQLite file; it cannot empty an EventStoreDB')
        removeSqliteFiles(url.path)
        removeSqliteFiles(keysPath)
      }
      const config = readConfig(options.config)
      if (url.kind === 'jsonl') throw new CliError(`${options.store} is read-only: seed sqlite:FILE or an EventStoreDB`)
      const store = await openStore(url, { mustExist: false })
      const readModels = url.kind === 'sqlite' ? sqliteReadModelStore({ path: url.path }) : inMemoryReadModelStore()
      let keys: SqliteKeyStore
      try {
        keys = sqliteKeyStore({ path: keysPath })
      } catch (error) {
        await readModels.close()
        await store.close()
        throw new CliError(`--keys ${keysPath}: ${error instanceof Error ? error.message : String(error)}`)
      }
      try {
        setExit(
          await demoCommand(
            store,
            readModels,
            {
              config,
              seed,
              keys,
              progress: options.progress,
              json: options.json,
              ...(chainKeys === undefined ? {} : { chainKeys }),
            },
            io.out,
          ),
        )
      } finally {
        keys.close()
        await readModels.close()
        await store.close()
      }
    })

  withCommon(root.command('audit'))
    .description('verify every hash chain, decode every event, and check the rules that span streams')
    .option('--heads <file>', 'a head file: checked against when it exists, written when it does not')
    .option('--strict', 'exit with 1 when anything is found', false)
    .option('--html <file>', 'write a self-contained HTML report (charts, findings, how it was run)')
    .option('--csv <dir>', 'write CSV files (findings, learning hours, complaints) a spreadsheet opens')
    .option('--year <n>', "the year of the report's learning figures (default: this year)")
    .option(
      '--keys <file>',
      'the key store, an SQLite file: report sealed, erased and unknown-key personal fields (none is opened)',
    )
    .option(
      '--chain-keys <file>',
      "a chain key file: every event's MAC must verify with its keys, else it is an unauthenticated finding",
    )
    .option('--sign-key <file>', 'an Ed25519 private key (PEM): sign the head file this audit writes')
    .option(
      '--anchor-key <file>',
      'an Ed25519 public key (PEM): refuse the head file read unless it is signed by its key and unchanged since',
    )
    .addHelpText(
      'after',
      example([
        'pembina audit',
        'pembina audit --store sqlite:pembina.db --heads heads.json --strict',
        'pembina audit --html audit.html --csv audit-csv --year 2026',
        'pembina audit --keys keys.db --html audit.html',
        'pembina audit --chain-keys chain-keys.json --strict',
        'pembina audit --heads heads-2026-06.json --sign-key anchor.pem',
        'pembina audit --heads heads-2026-06.json --anchor-key anchor.pem.pub --strict',
      ]),
    )
    .action(async (options: AuditOptions) => {
      warnOfSecrets(io, [
        [options.chainKeys, 'chain key file'],
        [options.signKey, 'anchor private key'],
      ])
      const now = systemClock()
      const year = options.year === undefined ? now.getUTCFullYear() : Number(options.year)
      if (!Number.isSafeInteger(year) || year < 2000 || year > 2100)
        throw new CliError(`--year ${options.year ?? ''} is not a year from 2000 to 2100`)
      setExit(
        await withStore(options, true, (store, config) =>
          auditCommand(
            store,
            {
              config,
              strict: options.strict,
              json: options.json,
              progress: options.progress,
              now,
              year,
              run: {
                store: options.store,
                config: options.config ?? 'the built-in defaults',
                command: ['pembina', ...args].join(' '),
              },
              ...(options.heads === undefined ? {} : { heads: options.heads }),
              ...(options.html === undefined ? {} : { html: options.html }),
              ...(options.csv === undefined ? {} : { csv: options.csv }),
              ...(options.keys === undefined ? {} : { keys: options.keys }),
              ...(options.chainKeys === undefined ? {} : { chainKeys: options.chainKeys }),
              ...(options.signKey === undefined ? {} : { signKey: options.signKey }),
              ...(options.anchorKey === undefined ? {} : { anchorKey: options.anchorKey }),
            },
            io.out,
          ),
        ),
      )
    })

  const keys = root
    .command('keys')
    .description('make the keys of a keyed chain and of signed head files (anchors), and rotate a chain key')
    .addHelpText(
      'after',
      example([
        'pembina keys chain --out chain-keys.json',
        'pembina keys anchor --out anchor.pem',
        'pembina keys rotate --file chain-keys.json',
        'pembina keys retire --file chain-keys.json --id k-20260101 --last-position 48213',
      ]),
    )
  keys
    .command('chain')
    .description('write a new chain key file of one key (mode 0600); an existing file is never overwritten')
    .requiredOption('--out <file>', 'the chain key file to write')
    .option('--id <id>', "the key's id (default: k-YYYYMMDD, today in UTC)")
    .option('--json', 'print one JSON document, for scripts', false)
    .action((options: { readonly out: string; readonly id?: string; readonly json: boolean }) => {
      setExit(keysChainCommand(options, systemClock(), io.out))
    })
  keys
    .command('rotate')
    .description('add a new current chain key and retire the current one; the file is rewritten (mode 0600)')
    .requiredOption('--file <file>', 'the chain key file')
    .option('--id <id>', "the new key's id (default: k-YYYYMMDD, today in UTC)")
    .option(
      '--last-position <n>',
      'the last global position the retired key may have written at (later: pembina keys retire)',
    )
    .option('--json', 'print one JSON document, for scripts', false)
    .action(
      (options: {
        readonly file: string
        readonly id?: string
        readonly lastPosition?: string
        readonly json: boolean
      }) => {
        setExit(keysRotateCommand(options, systemClock(), io.out))
      },
    )
  keys
    .command('retire')
    .description("set the last global position a retired chain key may have written at (a signed anchor's)")
    .requiredOption('--file <file>', 'the chain key file')
    .requiredOption('--id <id>', 'the retired key')
    .requiredOption('--last-position <n>', 'the position of an anchor taken once every writer used the new key')
    .option('--json', 'print one JSON document, for scripts', false)
    .action(
      (options: {
        readonly file: string
        readonly id: string
        readonly lastPosition: string
        readonly json: boolean
      }) => {
        setExit(keysRetireCommand(options, io.out))
      },
    )
  keys
    .command('anchor')
    .description('write an Ed25519 key pair for head files: FILE the private key (mode 0600), FILE.pub the public key')
    .requiredOption('--out <file>', 'the private key file to write (the public key goes to FILE.pub)')
    .option('--json', 'print one JSON document, for scripts', false)
    .action((options: { readonly out: string; readonly json: boolean }) => {
      setExit(keysAnchorCommand(options, io.out))
    })

  withCommon(root.command('replay'))
    .description("every stream's state (or one stream's) as of an instant, by when its events occurred")
    .option('--as-of <instant>', 'fold events that occurred at or before this instant, e.g. 2026-03-31T23:59:59+07:00')
    .option('--stream <name>', 'one stream, e.g. competency-199203152019032004')
    .option(
      '--keys <file>',
      'the key store, an SQLite file: mark sealed fields sealed, erased or unknown-key (without it, all sealed)',
    )
    .addHelpText(
      'after',
      example([
        'pembina replay --as-of 2026-03-31T23:59:59+07:00',
        'pembina replay --stream enrollment-pmwp-2026-ii --json',
        'pembina replay --stream complaint-blw-2026-000001 --keys keys.db',
      ]),
    )
    .action(
      async (options: CommonOptions & { readonly asOf?: string; readonly stream?: string; readonly keys?: string }) => {
        setExit(
          await withStore(options, true, (store, config) =>
            replayCommand(
              store,
              {
                config,
                json: options.json,
                progress: options.progress,
                now: systemClock(),
                ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
                ...(options.stream === undefined ? {} : { stream: options.stream }),
                ...(options.keys === undefined ? {} : { keys: options.keys }),
              },
              io.out,
            ),
          ),
        )
      },
    )

  root
    .command('openings')
    .description('list the decryption log: every opening of a sealed personal field, who, when, why (no clear values)')
    .requiredOption('--keys <file>', 'the key store, an SQLite file')
    .option('--subject <id>', 'only the openings of one data subject')
    .option('--csv <file>', 'write the log to a CSV file a spreadsheet opens')
    .option('--json', 'print one JSON document, for scripts', false)
    .addHelpText(
      'after',
      example([
        'pembina openings --keys keys.db --subject warga-0042',
        'pembina openings --keys keys.db --csv openings.csv',
      ]),
    )
    .action(
      async (options: {
        readonly keys: string
        readonly subject?: string
        readonly csv?: string
        readonly json: boolean
      }) => {
        setExit(await openingsCommand(options, io.out))
      },
    )

  root
    .command('erase')
    .description('erase a data subject: destroy their keys, so every field sealed for them reads as erased from now on')
    .requiredOption('--keys <file>', 'the key store, an SQLite file')
    .requiredOption('--subject <id>', 'the data subject, e.g. warga-0042')
    .option('--json', 'print one JSON document, for scripts', false)
    .addHelpText('after', example(['pembina erase --keys keys.db --subject warga-0042']))
    .action(async (options: { readonly keys: string; readonly subject: string; readonly json: boolean }) => {
      setExit(await eraseCommand(options, systemClock(), io.out))
    })

  withCommon(root.command('export'))
    .description('write every event, in global order, to a JSON Lines file (ids, revisions, metadata and hashes kept)')
    .requiredOption('--to <file>', 'the JSON Lines file to write')
    .option(
      '--keys <file>',
      'the key store, an SQLite file: name the erased fields of each event beside it (erasedFields; import ignores it)',
    )
    .addHelpText(
      'after',
      example(['pembina export --to belawan-2026.jsonl', 'pembina export --to belawan-2026.jsonl --keys keys.db']),
    )
    .action(async (options: CommonOptions & { readonly to: string; readonly keys?: string }) => {
      setExit(
        await withStore(options, true, store =>
          exportCommand(
            store,
            {
              to: options.to,
              progress: options.progress,
              ...(options.keys === undefined ? {} : { keys: options.keys }),
            },
            io.out,
          ),
        ),
      )
    })

  withCommon(root.command('import'))
    .description(
      'append the events of an export to an empty store; a bad line names its number and nothing is imported',
    )
    .requiredOption('--from <file>', 'the JSON Lines file to read')
    .option('--into-non-empty', 'import even though the store already holds events', false)
    .addHelpText('after', example(['pembina import --from belawan-2026.jsonl --store sqlite:copy.db']))
    .action(async (options: CommonOptions & { readonly from: string; readonly intoNonEmpty: boolean }) => {
      setExit(
        await withStore(options, false, store =>
          importCommand(store, { from: options.from, intoNonEmpty: options.intoNonEmpty }, io.out),
        ),
      )
    })

  root.exitOverride()
  for (const command of root.commands) {
    command.exitOverride()
    for (const sub of command.commands) sub.exitOverride()
  }
  return root
}

/**
 * Runs `pembina` with the arguments after the program name and returns its exit code: the result goes to `io.out`,
 * errors to `io.err` as one line each (a `CliError`'s message, or the usage error and help).
 */
export const runCli = async (args: readonly string[], io: CliIo): Promise<number> => {
  let exit: number = exitCodes.ok
  try {
    await program(
      io,
      code => {
        exit = code
      },
      args,
    ).parseAsync([...args], { from: 'user' })
    return exit
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version'
        ? exitCodes.ok
        : exitCodes.badInput
    if (error instanceof CliError) {
      io.err(pc.red(`pembina: ${error.message}`))
      return error.exitCode
    }
    throw error
  }
}
