import type * as E from 'fp-ts/lib/Either.js'
import type { FactsRequest, PersonnelFacts } from '../../shared/personnel-facts.js'
import type { Instant } from '../../shared/time.js'
import type { LoadFailure } from '../loading/load-failure.js'

/**
 * Where a command handler reads the personnel facts a command's rules need (who was whose direct atasan, a mentor's
 * rank, whether a unit exists), as they stood at the command's instant.
 */
export interface PersonnelDirectory {
  readonly factsFor: (request: FactsRequest, at: Instant) => Promise<E.Either<LoadFailure, PersonnelFacts>>
}
