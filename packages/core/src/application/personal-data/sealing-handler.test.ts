// rememberedSubjects: an aggregate's data subject found once per id, for the commands after the first, keeping only
// pseudonymous ids, at most its capacity of them.
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { describe, expect, it } from 'vitest'
import { rememberedSubjects, type SealFailure } from './sealing-handler.js'

/** A subjectOf that answers `warga-<id>` for ids not starting with `x`, and counts its calls. */
const counted = () => {
  const asked: string[] = []
  const subjectOf = (id: string): TE.TaskEither<SealFailure, string> => {
    asked.push(id)
    return id.startsWith('x')
      ? TE.left({ _tag: 'SubjectNotFound', streamName: `complaint-${id}`, reason: 'not filed' })
      : TE.right(`warga-${id}`)
  }
  return { subjectOf, asked }
}

describe('rememberedSubjects', () => {
  it('asks once per id for a subject found, and again for one not found', async () => {
    const { subjectOf, asked } = counted()
    const remembered = rememberedSubjects(subjectOf)
    expect(await remembered('a')()).toEqual(E.right('warga-a'))
    expect(await remembered('a')()).toEqual(E.right('warga-a'))
    expect(E.isLeft(await remembered('x1')())).toBe(true)
    expect(E.isLeft(await remembered('x1')())).toBe(true)
    expect(asked).toEqual(['a', 'x1', 'x1'])
  })

  it('keeps at most its capacity, forgetting the least recently used first', async () => {
    const { subjectOf, asked } = counted()
    const remembered = rememberedSubjects(subjectOf, 2)
    for (const id of ['a', 'b', 'a', 'c', 'a', 'b']) await remembered(id)()
    // a, b asked; a remembered; c pushes out b (a was used after b); a remembered; b asked again.
    expect(asked).toEqual(['a', 'b', 'c', 'b'])
  })
})
