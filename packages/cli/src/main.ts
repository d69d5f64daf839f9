#!/usr/bin/env node
// The `pembina` binary.
import { runCli } from './cli.js'

// Output piped into a command that stops reading early (`pembina replay | head`) ends the run quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

process.exitCode = await runCli(process.argv.slice(2), {
  out: line => {
    process.stdout.write(`${line}\n`)
  },
  err: line => {
    process.stderr.write(`${line}\n`)
  },
})
