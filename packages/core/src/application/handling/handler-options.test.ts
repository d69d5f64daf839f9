import { describe, expect, it } from 'vitest'
import { competency, CompetencyStateCodec, competencySnapshotVersion } from '../../competency/index.js'
import { enrollment } from '../../enrollment/index.js'
import { inMemorySnapshotStore } from '../in-memory/index.js'
import { snapshotting } from './handler-options.js'

describe('snapshots a handler keeps', () => {
  it('take the state version and codec from the aggregate', () => {
    const store = inMemorySnapshotStore()
    expect(snapshotting(competency, { store, every: 5 })).toEqual({
      store,
      every: 5,
      version: competencySnapshotVersion,
      codec: CompetencyStateCodec,
    })
  })

  it('are none unless asked for', () => {
    expect(snapshotting(competency, undefined)).toBeUndefined()
  })

  it('cannot be asked of an aggregate that offers none: the handler is not built', () => {
    expect(() => snapshotting(enrollment, { store: inMemorySnapshotStore(), every: 5 })).toThrow(
      'snapshots were asked for an aggregate that offers none',
    )
  })
})
