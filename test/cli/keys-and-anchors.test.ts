// The keys of a keyed chain and of signed head files, end to end through the installed `pembina` binary
// (run-pembina.ts): `pembina keys` writes them (mode 0600, never over an existing file), `demo --chain-keys` writes a
// keyed chain that `audit --chain-keys` accepts only under its own key, and `audit --sign-key` / `--anchor-key` sign a
// head file and refuse one that is unsigned, signed by another key, or changed after it was signed.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { anchorKeyFingerprint, chainKeyringOf, decodeWith, formatDecodeFailure, headFileFrom } from '@pembina/core'
import { staffNip, writeCreditedHistory } from '../reactor/fixtures.js'
import { makeTempDir, type TempDir } from '../reliability/temp-dir.js'
import { installTimeoutMs, pembinaBinary, runPembina } from './run-pembina.js'

// A case starts up to ten processes of about a second each; eight times that, for a second test run beside it.
const caseTimeoutMs = 120_000

beforeAll(pembinaBinary, installTimeoutMs)

const modeOf = (file: string): number => statSync(file).mode & 0o777

const jsonOf = (text: string): unknown => JSON.parse(text)

// The part of `audit --json` the cases count with.
const AuditReport = t.type({
  summary: t.type({ records: t.number, findings: t.number, byKind: t.record(t.string, t.number) }),
  findings: t.array(t.type({ kind: t.string, message: t.string })),
})
const auditReport = (text: string): t.TypeOf<typeof AuditReport> => {
  const report = decodeWith(AuditReport, 'audit --json')(JSON.parse(text))
  if (E.isLeft(report)) throw new Error(formatDecodeFailure(report.left))
  return report.right
}

const keyringIn = (file: string) => {
  const keyring = chainKeyringOf(JSON.parse(readFileSync(file, 'utf8')))
  if (E.isLeft(keyring)) throw new Error(`${file}: ${keyring.left}`)
  return keyring.right
}

describe('pembina keys', { timeout: caseTimeoutMs }, () => {
  let dir: TempDir
  beforeEach(() => {
    dir = makeTempDir('pembina-keys-')
  })
  afterEach(() => {
    dir.remove()
  })
  const pembina = (...args: readonly string[]) => runPembina(dir.path, args)

  it('chain writes a key file of one key, mode 0600, and refuses to overwrite it', async () => {
    const made = await pembina('keys', 'chain', '--out', 'chain-keys.json', '--id', 'k1')
    expect(made.stderr).toBe('')
    expect(made.code).toBe(0)
    const file = dir.file('chain-keys.json')
    expect(modeOf(file)).toBe(0o600)
    const keyring = keyringIn(file)
    expect(keyring.current.id).toBe('k1')
    expect(keyring.retired).toEqual([])
    const before = readFileSync(file, 'utf8')

    const again = await pembina('keys', 'chain', '--out', 'chain-keys.json', '--id', 'k1')
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/chain-keys\.json already exists/)
    expect(readFileSync(file, 'utf8')).toBe(before)

    // Without --id, the key is named for the day.
    const dated = await pembina('keys', 'chain', '--out', 'dated.json')
    expect(dated.code).toBe(0)
    expect(keyringIn(dir.file('dated.json')).current.id).toMatch(/^k-\d{8}$/)
    // An id the key file could not hold is refused, and nothing is written.
    const badId = await pembina('keys', 'chain', '--out', 'bad.json', '--id', '-no spaces')
    expect(badId.code).toBe(2)
    expect(existsSync(dir.file('bad.json'))).toBe(false)
  })

  it('rotate adds a new current key and retires the old one (with its last position), keeping the file 0600', async () => {
    expect((await pembina('keys', 'chain', '--out', 'chain-keys.json', '--id', 'k1')).code).toBe(0)
    const file = dir.file('chain-keys.json')
    const first = keyringIn(file)

    const rotated = await pembina('keys', 'rotate', '--file', 'chain-keys.json', '--id', 'k2', '--last-position', '41')
    expect(rotated.stderr).toBe('')
    expect(rotated.code).toBe(0)
    expect(modeOf(file)).toBe(0o600)
    const second = keyringIn(file)
    expect(second.current.id).toBe('k2')
    expect(Buffer.from(second.current.secret).equals(Buffer.from(first.current.secret))).toBe(false)
    expect(second.retired).toEqual([{ id: 'k1', secret: first.current.secret, lastPosition: 41n }])

    // Rotated again without a last position, then given one later (once an anchor is taken).
    expect((await pembina('keys', 'rotate', '--file', 'chain-keys.json', '--id', 'k3')).code).toBe(0)
    expect(keyringIn(file).retired?.map(key => [key.id, key.lastPosition])).toEqual([
      ['k2', undefined],
      ['k1', 41n],
    ])
    const retired = await pembina('keys', 'retire', '--file', 'chain-keys.json', '--id', 'k2', '--last-position', '97')
    expect(retired.code).toBe(0)
    expect(modeOf(file)).toBe(0o600)
    expect(keyringIn(file).retired?.map(key => [key.id, key.lastPosition])).toEqual([
      ['k2', 97n],
      ['k1', 41n],
    ])

    // A key id already held, the current key retired, or a position that is not one: refused, the file unchanged.
    const before = readFileSync(file, 'utf8')
    const taken = await pembina('keys', 'rotate', '--file', 'chain-keys.json', '--id', 'k1')
    expect(taken.code).toBe(2)
    expect(taken.stderr).toMatch(/already holds a key k1/)
    const current = await pembina('keys', 'retire', '--file', 'chain-keys.json', '--id', 'k3', '--last-position', '1')
    expect(current.code).toBe(2)
    expect(current.stderr).toMatch(/k3 is the current chain key/)
    const notPosition = await pembina('keys', 'rotate', '--file', 'chain-keys.json', '--last-position', '-1')
    expect(notPosition.code).toBe(2)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  it('anchor writes an Ed25519 pair (private 0600, FILE.pub), prints its fingerprint, and refuses to overwrite', async () => {
    const made = await pembina('keys', 'anchor', '--out', 'anchor.pem')
    expect(made.stderr).toBe('')
    expect(made.code).toBe(0)
    const privateFile = dir.file('anchor.pem')
    const publicFile = dir.file('anchor.pem.pub')
    expect(modeOf(privateFile)).toBe(0o600)
    expect(readFileSync(privateFile, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    expect(readFileSync(publicFile, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/)
    const fingerprint = anchorKeyFingerprint(readFileSync(publicFile, 'utf8'))
    expect(anchorKeyFingerprint(readFileSync(privateFile, 'utf8'))).toBe(fingerprint)
    expect(made.stdout).toContain(fingerprint)

    const before = readFileSync(privateFile, 'utf8')
    const again = await pembina('keys', 'anchor', '--out', 'anchor.pem')
    expect(again.code).toBe(2)
    expect(again.stderr).toMatch(/anchor\.pem already exists/)
    expect(readFileSync(privateFile, 'utf8')).toBe(before)
    // Only the public key's name taken: refused too, and no private key written beside it.
    writeFileSync(dir.file('other.pem.pub'), 'a file of someone else')
    const half = await pembina('keys', 'anchor', '--out', 'other.pem')
    expect(half.code).toBe(2)
    expect(half.stderr).toMatch(/other\.pem\.pub already exists/)
    expect(existsSync(dir.file('other.pem'))).toBe(false)
    expect(readFileSync(dir.file('other.pem.pub'), 'utf8')).toBe('a file of someone else')
  })
})

describe('a keyed demo audited with its chain keys', { timeout: caseTimeoutMs }, () => {
  // One demo run (a few seconds) for the cases: a Belawan year written under key k1 of chain-keys.json.
  let dir: TempDir
  beforeAll(async () => {
    await pembinaBinary()
    dir = makeTempDir('pembina-keyed-demo-')
    expect((await runPembina(dir.path, ['keys', 'chain', '--out', 'chain-keys.json', '--id', 'k1'])).code).toBe(0)
    // The same key id, another secret: what someone who does not hold the key could make.
    expect((await runPembina(dir.path, ['keys', 'chain', '--out', 'other-keys.json', '--id', 'k1'])).code).toBe(0)
    const demo = await runPembina(dir.path, ['demo', '--chain-keys', 'chain-keys.json', '--json'])
    expect(demo.stderr).toBe('')
    expect(demo.code).toBe(0)
    expect(jsonOf(demo.stdout)).toMatchObject({ commands: { refused: {} }, chainKey: 'k1' })
  }, installTimeoutMs + caseTimeoutMs)
  afterAll(() => {
    dir.remove()
  })
  const pembina = (...args: readonly string[]) => runPembina(dir.path, args)

  it('finds nothing with the key it was written with', async () => {
    const audited = await pembina('audit', '--chain-keys', 'chain-keys.json', '--strict')
    expect(audited.stderr).toBe('')
    expect(audited.code).toBe(0)
    expect(audited.stdout).toMatch(/[1-9]\d* events in \d+ streams audited: no findings/)
    expect(audited.stdout).toMatch(/MAC checked with the chain keys in chain-keys\.json \(current k1\)/)
  })

  it('finds every event unauthenticated under another key of the same id', async () => {
    const audited = await pembina('audit', '--chain-keys', 'other-keys.json', '--strict', '--json')
    expect(audited.code).toBe(1)
    expect(jsonOf(audited.stdout)).toMatchObject({ chainKeysChecked: 'other-keys.json' })
    const { summary, findings } = auditReport(audited.stdout)
    expect(summary.records).toBeGreaterThan(0)
    expect(summary.byKind).toEqual({ unauthenticated: summary.records })
    expect(findings[0]?.message).toMatch(/does not match under key k1/)
    // Without the keys, the same store audits clean: the finding is the key's, not a broken chain.
    const unkeyed = await pembina('audit', '--strict')
    expect(unkeyed.code).toBe(0)
  })

  it('finds an unkeyed store unauthenticated: the demo without --chain-keys writes no MACs', async () => {
    const plain = await pembina('demo', '--store', 'sqlite:plain.db', '--json')
    expect(plain.code).toBe(0)
    const audited = await pembina('audit', '--store', 'sqlite:plain.db', '--chain-keys', 'chain-keys.json', '--json')
    expect(audited.code).toBe(0)
    const report = auditReport(audited.stdout)
    expect(report.summary.byKind).toEqual({ unauthenticated: report.summary.records })
  })

  it('warns when the chain key file may be read by others than its owner, and audits all the same', async () => {
    const shared = dir.file('shared-keys.json')
    writeFileSync(shared, readFileSync(dir.file('chain-keys.json')), { mode: 0o644 })
    chmodSync(shared, 0o644)
    const audited = await pembina('audit', '--chain-keys', 'shared-keys.json', '--strict')
    expect(audited.code).toBe(0)
    expect(audited.stderr).toMatch(
      /warning: the chain key file shared-keys\.json may be read by others \(mode 0644\): .*chmod 600 shared-keys\.json/,
    )
    chmodSync(shared, 0o600)
    expect((await pembina('audit', '--chain-keys', 'shared-keys.json', '--strict')).stderr).toBe('')
  })

  it('refuses a chain key file that is not one, naming the file and what is wrong', async () => {
    writeFileSync(
      dir.file('empty-keys.json'),
      JSON.stringify({ format: 'pembina-chain-keys/1', current: 'x', keys: [] }),
    )
    const refused = await pembina('audit', '--chain-keys', 'empty-keys.json')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/the chain key file empty-keys\.json is refused: .*current names x/)
    const missing = await pembina('demo', '--chain-keys', 'missing.json')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/missing\.json/)
  })
})

describe('signed head files', { timeout: caseTimeoutMs }, () => {
  let dir: TempDir
  beforeEach(() => {
    dir = makeTempDir('pembina-anchors-')
  })
  afterEach(() => {
    dir.remove()
  })
  const pembina = (...args: readonly string[]) => runPembina(dir.path, args)

  const store = 'sqlite:pembina.db'
  /** A small store (three ASN, two offerings, the reactor's credits) and the anchor key pair anchor.pem(.pub). */
  const setUp = async (): Promise<string> => {
    await writeCreditedHistory(dir.file('pembina.db'), [staffNip(0), staffNip(1), staffNip(2)], ['an-2026-01'])
    const keys = await pembina('keys', 'anchor', '--out', 'anchor.pem')
    expect(keys.code).toBe(0)
    return anchorKeyFingerprint(readFileSync(dir.file('anchor.pem.pub'), 'utf8'))
  }
  const signedHeads = async (name: string): Promise<string> => {
    const written = await pembina('audit', '--store', store, '--heads', name, '--sign-key', 'anchor.pem', '--json')
    expect(written.stderr).toBe('')
    expect(written.code).toBe(0)
    return written.stdout
  }

  it('writes a head file signed with --sign-key, and checks it with --anchor-key', async () => {
    const fingerprint = await setUp()
    const written = jsonOf(await signedHeads('heads.json'))
    expect(written).toMatchObject({ headsWritten: 'heads.json', headsSignedBy: fingerprint, headsVerifiedWith: null })
    const verified = headFileFrom(
      jsonOf(readFileSync(dir.file('heads.json'), 'utf8')),
      readFileSync(dir.file('anchor.pem.pub'), 'utf8'),
    )
    expect(E.isRight(verified)).toBe(true)

    const checked = await pembina('audit', '--store', store, '--heads', 'heads.json', '--anchor-key', 'anchor.pem.pub')
    expect(checked.stderr).toBe('')
    expect(checked.code).toBe(0)
    expect(checked.stdout).toContain(`the head file heads.json was checked with key ${fingerprint}`)
    const json = await pembina(
      'audit',
      '--store',
      store,
      '--heads',
      'heads.json',
      '--anchor-key',
      'anchor.pem.pub',
      '--json',
      '--html',
      'audit.html',
    )
    expect(readFileSync(dir.file('audit.html'), 'utf8')).toContain(
      `heads.json, its signature checked with anchor key ${fingerprint}`,
    )
    expect(jsonOf(json.stdout)).toMatchObject({
      headsChecked: 'heads.json',
      headsVerifiedWith: fingerprint,
      headsSignedBy: null,
    })
    // The text of a signing run says who signed.
    const text = await pembina('audit', '--store', store, '--heads', 'more.json', '--sign-key', 'anchor.pem')
    expect(text.stdout).toContain(`the head file more.json was written and signed by key ${fingerprint}`)
  })

  it('refuses a signed head file changed after signing (one hash character), which without the key reads as history rewritten', async () => {
    await setUp()
    await signedHeads('heads.json')
    const text = readFileSync(dir.file('heads.json'), 'utf8')
    const hash = /"hash": "([0-9a-f])/.exec(text)
    const first = hash?.[1] ?? ''
    expect(first).toMatch(/^[0-9a-f]$/)
    const changed = text.replace(/"hash": "[0-9a-f]/, `"hash": "${first === '0' ? '1' : '0'}`)
    expect(changed).not.toBe(text)
    writeFileSync(dir.file('heads.json'), changed)
    expect(jsonOf(changed)).toHaveProperty('signature.value')

    const refused = await pembina('audit', '--store', store, '--heads', 'heads.json', '--anchor-key', 'anchor.pem.pub')
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toMatch(/heads\.json is refused.*changed after it was signed/)
    // Without the anchor key the edited file is read, and the edit is taken for history rewritten.
    const unchecked = await pembina('audit', '--store', store, '--heads', 'heads.json', '--json')
    expect(unchecked.code).toBe(0)
    const report = auditReport(unchecked.stdout)
    expect(report.summary.findings).toBe(1)
    expect(report.findings.map(finding => finding.kind)).toEqual(['rewritten-history'])
  })

  it('refuses an unsigned head file when --anchor-key is given', async () => {
    await setUp()
    const unsigned = await pembina('audit', '--store', store, '--heads', 'heads.json', '--json')
    expect(unsigned.code).toBe(0)
    expect(jsonOf(unsigned.stdout)).toMatchObject({ headsWritten: 'heads.json', headsSignedBy: null })
    expect(jsonOf(readFileSync(dir.file('heads.json'), 'utf8'))).not.toHaveProperty('signature')
    const refused = await pembina('audit', '--store', store, '--heads', 'heads.json', '--anchor-key', 'anchor.pem.pub')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toMatch(/heads\.json is refused.*not signed/)
    // Without it, the same file is checked as before.
    const plain = await pembina('audit', '--store', store, '--heads', 'heads.json', '--strict')
    expect(plain.code).toBe(0)
    expect(plain.stdout).toMatch(/history up to the heads in heads\.json checked/)
  })

  it('refuses a head file signed by another key', async () => {
    const fingerprint = await setUp()
    await signedHeads('heads.json')
    expect((await pembina('keys', 'anchor', '--out', 'other.pem')).code).toBe(0)
    const other = anchorKeyFingerprint(readFileSync(dir.file('other.pem.pub'), 'utf8'))
    expect(other).not.toBe(fingerprint)
    const refused = await pembina('audit', '--store', store, '--heads', 'heads.json', '--anchor-key', 'other.pem.pub')
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain(`signed by key ${fingerprint}, not by the key given (${other})`)
    // A new head file under --anchor-key must be signed by its key, or it is refused before the audit writes it.
    const mismatched = await pembina(
      'audit',
      '--store',
      store,
      '--heads',
      'next.json',
      '--sign-key',
      'anchor.pem',
      '--anchor-key',
      'other.pem.pub',
    )
    expect(mismatched.code).toBe(2)
    expect(existsSync(dir.file('next.json'))).toBe(false)
  })
})
