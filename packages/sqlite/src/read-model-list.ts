import type { ListQuery } from '@pembina/projections'

/** A list query as SQL over the documents (alias `d`) of a projection's serving version, and its parameters. */
export interface ListStatement {
  readonly sql: string
  readonly params: readonly (string | number | null)[]
}

// A where clause compares the field's JSON type as well as its value, so that 1 never matches true, nor '1' matches 1,
// and null matches a field holding null but not a missing one: the meaning `applyListQuery` gives in memory.
const whereClause = (where: NonNullable<ListQuery['where']>, path: string): ListStatement => {
  const value = where.equals
  if (value === null) return { sql: ` AND json_type(d.doc, ?) = 'null'`, params: [path] }
  if (typeof value === 'boolean')
    return { sql: ' AND json_type(d.doc, ?) = ?', params: [path, value ? 'true' : 'false'] }
  if (typeof value === 'number')
    return {
      sql: ` AND json_type(d.doc, ?) IN ('integer', 'real') AND json_extract(d.doc, ?) = ?`,
      params: [path, path, value],
    }
  return { sql: ` AND json_type(d.doc, ?) = 'text' AND json_extract(d.doc, ?) = ?`, params: [path, path, value] }
}

/**
 * The SQL listing a projection's documents for a checked query. json_extract gives numbers (booleans as 1 and 0) before text, strings unquoted and
 * objects and arrays as JSON text, compared by the BINARY collation (code point order); documents without the order
 * field, or with null in it, come last in either direction; keys break ties.
 */
export const listStatement = (projection: string, query: ListQuery): ListStatement => {
  const where = query.where === undefined ? undefined : whereClause(query.where, `$.${query.where.field}`)
  const orderPath = query.orderBy === undefined ? undefined : `$.${query.orderBy.field}`
  const direction = query.orderBy?.direction === 'desc' ? 'DESC' : 'ASC'
  const order =
    orderPath === undefined
      ? { sql: 'd.key', params: [] }
      : {
          sql: `json_extract(d.doc, ?) IS NULL, json_extract(d.doc, ?) ${direction}, d.key`,
          params: [orderPath, orderPath],
        }
  const sql = `SELECT d.key AS key, d.doc AS doc FROM read_model_documents d
    JOIN read_model_serving s ON s.projection = d.projection AND s.version = d.version
    WHERE d.projection = ?${where?.sql ?? ''} ORDER BY ${order.sql}${query.limit === undefined ? '' : ' LIMIT ?'}`
  return {
    sql,
    params: [
      projection,
      ...(where?.params ?? []),
      ...order.params,
      ...(query.limit === undefined ? [] : [query.limit]),
    ],
  }
}
