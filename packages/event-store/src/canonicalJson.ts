/**
 * RFC 8785 (JCS) canonical JSON: the byte-stable form hashed by the event chain. Primitives are
 * serialised exactly as ECMAScript's JSON.stringify does, which is what JCS specifies.
 */

// In a `u` regex a valid surrogate pair is one code point, so only lone surrogates match.
const LONE_SURROGATE = /\p{Cs}/u;

function fail(path: string, why: string): never {
  throw new TypeError(`canonicalJson: ${why} at ${path}`);
}

function serialiseString(s: string, path: string): string {
  // I-JSON (which JCS requires) forbids lone surrogates; they would not survive UTF-8 storage.
  if (LONE_SURROGATE.test(s)) fail(path, 'lone surrogate in string');
  return JSON.stringify(s);
}

/** JSON.stringify skips these as object members and rejects them as top-level values. */
const isSkippable = (v: unknown): boolean => v === undefined;

function serialise(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(path, `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return serialiseString(value, path);
    case 'object':
      break;
    default:
      fail(path, `unsupported ${typeof value}`);
  }
  const withToJson = value as { toJSON?: unknown };
  // Honour toJSON (e.g. Date) so a value hashes the same before storage and after a JSON round trip.
  if (typeof withToJson.toJSON === 'function') {
    return serialise((withToJson.toJSON as () => unknown).call(value), path, ancestors);
  }
  if (ancestors.has(value)) fail(path, 'cycle');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (isSkippable(item)) fail(`${path}[${i}]`, 'undefined in array');
        parts.push(serialise(item, `${path}[${i}]`, ancestors));
      }
      return `[${parts.join(',')}]`;
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly the JCS ordering.
    const keys = Object.keys(record).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const member = record[key];
      if (isSkippable(member)) continue;
      parts.push(`${serialiseString(key, path)}:${serialise(member, `${path}.${key}`, ancestors)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}

/**
 * Serialises a JSON value canonically. Throws TypeError for values JSON cannot represent
 * faithfully: non-finite numbers, bigint, functions, symbols, undefined (except as an object
 * member, which is omitted), lone surrogates and cycles.
 */
export function canonicalJson(value: unknown): string {
  if (value === undefined) fail('$', 'undefined');
  return serialise(value, '$', new Set());
}
