export { runCli, type CliIo } from './cli.js'
export { CliError, exitCodes } from './cli-error.js'
export { defaultStoreUrl, openStore, parseStoreUrl, type StoreUrl } from './store-url.js'
export { readConfig } from './config-file.js'
