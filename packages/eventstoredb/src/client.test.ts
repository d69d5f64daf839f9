import { describe, expect, it } from 'vitest'
import { type ClientPackage, chooseClientPackage, connectionStringFor, isEsdbClient } from './client.js'

const installed =
  (...names: ClientPackage[]) =>
  (name: ClientPackage): boolean =>
    names.includes(name)

describe('which client package a connection string gets', () => {
  it('the one named, whatever the string and whatever is installed', () => {
    expect(chooseClientPackage('esdb://h:2113', '@kurrent/kurrentdb-client', installed())).toBe(
      '@kurrent/kurrentdb-client',
    )
    expect(chooseClientPackage('kurrentdb://h:2113', '@eventstore/db-client', installed())).toBe(
      '@eventstore/db-client',
    )
  })

  it('@kurrent/kurrentdb-client for kurrentdb:// and kurrentdb+discover://', () => {
    const both = installed('@eventstore/db-client', '@kurrent/kurrentdb-client')
    expect(chooseClientPackage('kurrentdb://h:2113', undefined, both)).toBe('@kurrent/kurrentdb-client')
    expect(chooseClientPackage('KurrentDB+discover://h:2113', undefined, both)).toBe('@kurrent/kurrentdb-client')
  })

  it('otherwise @eventstore/db-client when installed, @kurrent/kurrentdb-client when only it is, else an error', () => {
    const both = installed('@eventstore/db-client', '@kurrent/kurrentdb-client')
    expect(chooseClientPackage('esdb://h:2113', undefined, both)).toBe('@eventstore/db-client')
    expect(chooseClientPackage('esdb://h:2113', undefined, installed('@kurrent/kurrentdb-client'))).toBe(
      '@kurrent/kurrentdb-client',
    )
    expect(() => chooseClientPackage('esdb://h:2113', undefined, installed())).toThrow(
      'install @eventstore/db-client or @kurrent/kurrentdb-client',
    )
  })

  it('the scheme is rewritten to the one the package reads, the rest kept', () => {
    expect(connectionStringFor('@kurrent/kurrentdb-client', 'esdb://h:2113?tls=false')).toBe(
      'kurrentdb://h:2113?tls=false',
    )
    expect(connectionStringFor('@kurrent/kurrentdb-client', 'esdb+discover://a@h:2113')).toBe(
      'kurrentdb+discover://a@h:2113',
    )
    expect(connectionStringFor('@eventstore/db-client', 'kurrentdb+discover://h:2113')).toBe('esdb+discover://h:2113')
    expect(connectionStringFor('@eventstore/db-client', 'esdb://h:2113')).toBe('esdb://h:2113')
  })

  it('a client is anything with the five methods the adapter calls', () => {
    const call = (): undefined => undefined
    const methods = { appendToStream: call, readStream: call, readAll: call, subscribeToAll: call, dispose: call }
    expect(isEsdbClient(methods)).toBe(true)
    expect(isEsdbClient({ ...methods, dispose: 'no' })).toBe(false)
    expect(isEsdbClient(null)).toBe(false)
  })
})
