import { hash } from 'node:crypto'

/**
 * Pembina's uuid v5 namespace for event ids: itself `v5('https://pembina.dev/event-id', v5.URL)`, fixed forever,
 * since changing it would give a retried command new event ids.
 */
export const pembinaEventNamespace = '1a4ed95a-84fb-5a77-b860-08935edfa9fd'

/**
 * Pembina's uuid v5 namespace for the ids of the commands a reactor sends: `v5('https://pembina.dev/reaction-id',
 * v5.URL)`, fixed forever, since changing it would make a reactor send its commands again under new ids.
 */
export const pembinaReactionNamespace = 'f038f3dc-9787-5358-b2f7-e0b8ace83e18'

const bytesOf = (namespace: string): Buffer => Buffer.from(namespace.replaceAll('-', ''), 'hex')
const eventNamespaceBytes = bytesOf(pembinaEventNamespace)
const reactionNamespaceBytes = bytesOf(pembinaReactionNamespace)

// With the u flag a surrogate pair is one code point, so this matches only a surrogate standing alone.
const loneSurrogate = /[\uD800-\uDFFF]/u

/**
 * The bytes of a name holding a lone surrogate. A lone surrogate has no UTF-8 form (Node writes U+FFFD for it, so `x\uD800`,
 * `x\uDC00` and `x\uFFFD` would share their ids); it is written as the three bytes its code unit takes (WTF-8).
 */
const nameBytes = (name: string): Buffer => {
  const parts: Buffer[] = []
  for (const char of name) {
    const unit = char.charCodeAt(0)
    parts.push(
      loneSurrogate.test(char)
        ? Buffer.from([0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)])
        : Buffer.from(char, 'utf8'),
    )
  }
  return Buffer.concat(parts)
}

/** The namespace's 16 bytes followed by the name's bytes, in one buffer. */
const namespaced = (namespaceBytes: Buffer, name: string): Buffer => {
  if (loneSurrogate.test(name)) return Buffer.concat([namespaceBytes, nameBytes(name)])
  const bytes = Buffer.allocUnsafe(namespaceBytes.length + Buffer.byteLength(name, 'utf8'))
  namespaceBytes.copy(bytes, 0)
  bytes.write(name, namespaceBytes.length, 'utf8')
  return bytes
}

/**
 * uuid v5 (RFC 9562 §5.5) of a name in Pembina's namespace: SHA-1 of the namespace's 16 bytes and the name's UTF-8,
 * cut to 16 bytes with the version (5) and variant (10xx) bits set. Written on node:crypto directly because every
 * event a command writes needs one; the tests check it against the `uuid` package.
 */
const uuidV5 = (namespaceBytes: Buffer, name: string): string => {
  const hex = hash('sha1', namespaced(namespaceBytes, name), 'hex')
  // Byte 6's high nibble is the version, 5; byte 8's top two bits the variant, 10.
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** The id of the `index`-th (zero-based) event a command writes: uuid v5 of `${commandId}:${index}`, the same on every retry. */
export const eventIdOf = (commandId: string, index: number): string =>
  uuidV5(eventNamespaceBytes, `${commandId}:${index}`)

/**
 * The id of the `index`-th (zero-based) command a policy asks for in reaction to an event: uuid v5, in the reaction
 * namespace, of `${sourceEventId}:${policy}:${index}`. A redelivered event gets the same ids, so a command handler
 * returns the first outcome instead of writing again.
 */
export const reactionCommandIdOf = (sourceEventId: string, policy: string, index: number): string =>
  uuidV5(reactionNamespaceBytes, `${sourceEventId}:${policy}:${index}`)
