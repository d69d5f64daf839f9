import { inMemoryKeyStore } from '@pembina/core'
import { keyStoreContract } from './key-store-contract.js'

keyStoreContract('in memory', () => inMemoryKeyStore())
