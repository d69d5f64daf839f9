import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { EventStore } from '@pembina/core'
import { commandHandlerModel } from '@pembina/testkit'
import { afterEach } from 'vitest'
import { sqliteEventStore } from './index.js'

// Each run of the model gets a file of its own; the directories are removed after each test (every run closed its
// stores by then).
const files = new WeakMap<EventStore, string>()
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const makeStore = (): EventStore => {
  const dir = mkdtempSync(join(tmpdir(), 'pembina-sqlite-model-'))
  dirs.push(dir)
  const store = sqliteEventStore({ path: join(dir, 'events.db') })
  files.set(store, store.file)
  return store
}

// A second connection to the same file: half the handlers write through it, so writers on two connections meet on
// one stream. It reads two rows a page, so every read of a longer stream crosses pages.
const openAnother = (store: EventStore): EventStore => {
  const path = files.get(store)
  if (path === undefined) throw new Error('the store was not opened by this suite')
  return sqliteEventStore({ path, pageSize: 2 })
}

commandHandlerModel('sqlite, two connections to one file', makeStore, { openAnother })
