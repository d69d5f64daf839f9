import fc from 'fast-check'

/**
 * Command sequences that also shrink by leaving commands out: besides the generator's own shrinks (fewer steps, smaller
 * values), fast-check tries the sequence without each of its commands, last first, so a counterexample ends as a
 * history from which no single command can be removed and still break the property.
 */
class ShrinkingByRemoval<Command> extends fc.Arbitrary<readonly Command[]> {
  constructor(private readonly source: fc.Arbitrary<readonly Command[]>) {
    super()
  }

  generate(random: fc.Random, biasFactor: number | undefined): fc.Value<readonly Command[]> {
    return this.source.generate(random, biasFactor)
  }

  canShrinkWithoutContext(value: unknown): value is readonly Command[] {
    return Array.isArray(value)
  }

  shrink(value: readonly Command[], context: unknown): fc.Stream<fc.Value<readonly Command[]>> {
    function* removals(): IterableIterator<fc.Value<readonly Command[]>> {
      for (let index = value.length - 1; index >= 0; index--)
        yield new fc.Value([...value.slice(0, index), ...value.slice(index + 1)], undefined)
    }
    const own =
      context === undefined && !this.source.canShrinkWithoutContext(value)
        ? fc.Stream.nil<fc.Value<readonly Command[]>>()
        : this.source.shrink(value, context)
    return new fc.Stream(removals()).join(own)
  }
}

/** A generator of sequences that also shrinks by leaving elements out (see `ShrinkingByRemoval`). */
export const shrinkingByRemoval = <Element>(
  source: fc.Arbitrary<readonly Element[]>,
): fc.Arbitrary<readonly Element[]> => new ShrinkingByRemoval(source)
