import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { decodePolicyConfig, defaultPolicy, formatDecodeFailure, type PolicyConfig } from '@pembina/core'
import { CliError } from './cli-error.js'

/**
 * The policy configuration of a JSON file (`--config`), decoded strictly: an unknown key, or a value out of its rule,
 * is a `CliError` naming it. Without a file, the default policy.
 */
export const readConfig = (file: string | undefined): PolicyConfig => {
  if (file === undefined) return defaultPolicy
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new CliError(
      `cannot read the configuration ${file}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliError(
      `the configuration ${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  const config = decodePolicyConfig(json)
  if (E.isLeft(config)) throw new CliError(`the configuration ${file} is refused: ${formatDecodeFailure(config.left)}`)
  return config.right
}
