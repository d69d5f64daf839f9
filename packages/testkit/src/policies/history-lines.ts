import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { type Actor, type Instant, jakartaDate } from '@pembina/core'
import type { ScenarioRun, ScenarioStep } from '../scenario.js'

/** What a command needs for a line of a history: its type, its instant and who issued it. */
export interface DescribedCommand {
  readonly type: string
  readonly at: Instant
  readonly actor: Actor
}

/** What a refusal needs for a line: its code and the Indonesian term an officer knows it by. */
export interface DescribedRejection {
  readonly code: string
  readonly term?: string
}

const roleOrder = ['pyb', 'atasan', 'admin-pelatihan', 'admin-pengaduan', 'assessor', 'mentor', 'asn'] as const

/** Who issued a command, in the domain's words: `atasan 197001011995031001`, `warga warga-0042`, `sistem timer`. */
export const actorWords = (actor: Actor): string => {
  switch (actor.kind) {
    case 'asn': {
      const role = roleOrder.find(each => actor.roles.includes(each)) ?? 'asn'
      return `${role} ${actor.nip}`
    }
    case 'citizen':
      return actor.subjectId === undefined
        ? actor.trackingTokenDigest === undefined
          ? 'warga (anonim)'
          : 'warga (pemegang token)'
        : `warga ${actor.subjectId}`
    case 'system':
      return `sistem ${actor.process}`
  }
}

/**
 * One step of a history as a line an officer reads: the day (WIB), the command, who issued it, and what came of it:
 * the events written, `sudah tercatat` when it changed nothing, or the refusal's Indonesian term and code.
 * `2026-03-03 ApprovePlace by atasan 197001011995031001: kuota penuh (capacity-reached)`.
 */
export const stepLine = <Event extends { readonly type: string }>(
  step: Pick<ScenarioStep<DescribedCommand, Event, unknown, DescribedRejection>, 'command' | 'result'>,
): string => {
  const { command, result } = step
  const outcome = E.isLeft(result)
    ? `${result.left.term ?? result.left.code} (${result.left.code})`
    : result.right.length === 0
      ? 'sudah tercatat, tidak ada perubahan'
      : result.right.map(event => event.type).join(', ')
  return `${jakartaDate(command.at)} ${command.type} by ${actorWords(command.actor)}: ${outcome}`
}

/** Every step of a history, one line each, in order. */
export const historyLines = <Event extends { readonly type: string }>(
  run: Pick<ScenarioRun<DescribedCommand, Event, unknown, DescribedRejection>, 'steps'>,
): readonly string[] => run.steps.map(stepLine)

/**
 * The history with a `toString` fast-check prints in a counterexample: one line per command and what came of it, not
 * a JSON dump. The value is otherwise the same object.
 */
export const readable = <
  Run extends Pick<ScenarioRun<DescribedCommand, { readonly type: string }, unknown, DescribedRejection>, 'steps'>,
>(
  run: Run,
): Run =>
  Object.defineProperty({ ...run }, fc.toStringMethod, {
    value: () => `\n  ${historyLines(run).join('\n  ')}`,
    enumerable: false,
  })
