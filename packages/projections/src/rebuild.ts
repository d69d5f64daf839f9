import type { JsonValue } from './projection.js'
import { startProjector } from './projector.js'
import type { Projector, ProjectorOptions } from './projector-types.js'

/** How a rebuild is run: a projector's options for the new version, and the projector of the version it replaces. */
export interface RebuildOptions<Doc extends JsonValue = JsonValue> extends Omit<
  ProjectorOptions<Doc>,
  'serveWhenCaughtUp'
> {
  /**
   * The projector of the version serving now, if it runs in this process: stopped after the swap and before its
   * version is dropped. (A projector of the old version elsewhere fails at its next commit with a
   * `CheckpointConflictError` once the version is dropped, rather than writing into it again.)
   */
  readonly retiring?: Projector
}

/** The outcome of a rebuild: the projector of the new version (still running when live) and the version it replaced. */
export interface Rebuilt {
  readonly projector: Projector
  /** The version that served before and was dropped; undefined when none served. */
  readonly replaced: number | undefined
}

/**
 * Rebuilds a projection under a new version: the new version replays the history from the start into documents of
 * its own while the serving version keeps answering queries; once the new one has caught up it serves, the retiring
 * projector stops, and the old version is dropped. If the new version fails before catching up, the old one keeps
 * serving and the promise rejects; the new version's checkpoint stays, so a second rebuild resumes where it stopped.
 * If the swap itself fails (the store refuses `serve` or `drop`), the new version's projector is stopped before the
 * promise rejects.
 */
export const rebuild = async <Doc extends JsonValue>(options: RebuildOptions<Doc>): Promise<Rebuilt> => {
  const { readModels, projection, retiring } = options
  const serving = await readModels.serving(projection.name)
  if (serving === projection.version)
    throw new Error(
      `version ${projection.version} of projection ${projection.name} serves already: a rebuild needs a new version`,
    )
  if (
    retiring !== undefined &&
    (retiring.projection.name !== projection.name || retiring.projection.version !== serving)
  )
    throw new Error(
      `the retiring projector runs ${retiring.projection.name} v${retiring.projection.version}, not the serving version of ${projection.name}`,
    )
  const projector = startProjector({ ...options, serveWhenCaughtUp: false })
  await projector.caughtUp
  try {
    await readModels.serve({ name: projection.name, version: projection.version })
    if (retiring !== undefined) await retiring.stop()
    if (serving !== undefined) await readModels.drop({ name: projection.name, version: serving })
  } catch (error) {
    // The caller gets no projector with a rejection, so none may go on running: stop it before reporting.
    await projector.stop()
    throw error
  }
  return { projector, replaced: serving }
}
