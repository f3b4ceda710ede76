/**
 * RFC 8785 (JCS) canonical JSON: the byte-stable form hashed by the event chain. Primitives are
 * serialised exactly as ECMAScript's JSON.stringify does, which is what JCS specifies.
 */

// In a `u` regex a valid surrogate pair is one code point, so only lone surrogates match.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Where the serialiser is, kept as a stack of keys and indexes and only turned into a path
 * ("$.data.items[2]") when something fails: building it for every member was most of the cost
 * of hashing an event.
 */
interface Walk {
  readonly steps: (string | number)[];
  readonly ancestors: Set<object>;
}

const pathOf = (walk: Walk): string =>
  walk.steps.reduce<string>(
    (path, step) => (typeof step === 'number' ? `${path}[${step}]` : `${path}.${step}`),
    '$',
  );

function fail(walk: Walk, why: string): never {
  throw new TypeError(`canonicalJson: ${why} at ${pathOf(walk)}`);
}

function serialiseString(s: string, walk: Walk): string {
  // I-JSON (which JCS requires) forbids lone surrogates; they would not survive UTF-8 storage.
  if (LONE_SURROGATE.test(s)) fail(walk, 'lone surrogate in string');
  return JSON.stringify(s);
}

/** JSON.stringify skips these as object members and rejects them as top-level values. */
const isSkippable = (v: unknown): boolean => v === undefined;

function serialise(value: unknown, walk: Walk): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) fail(walk, `non-finite number ${value}`);
      return JSON.stringify(value);
    case 'string':
      return serialiseString(value, walk);
    case 'object':
      break;
    default:
      fail(walk, `unsupported ${typeof value}`);
  }
  const withToJson = value as { toJSON?: unknown };
  // Honour toJSON (e.g. Date) so a value hashes the same before storage and after a JSON round trip.
  if (typeof withToJson.toJSON === 'function') {
    return serialise((withToJson.toJSON as () => unknown).call(value), walk);
  }
  if (walk.ancestors.has(value)) fail(walk, 'cycle');
  walk.ancestors.add(value);
  try {
    let out: string;
    if (Array.isArray(value)) {
      out = '[';
      for (let i = 0; i < value.length; i++) {
        walk.steps.push(i);
        const item: unknown = value[i];
        if (isSkippable(item)) fail(walk, 'undefined in array');
        out += (i === 0 ? '' : ',') + serialise(item, walk);
        walk.steps.pop();
      }
      return out + ']';
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly the JCS ordering.
    const keys = Object.keys(record).sort();
    out = '{';
    let first = true;
    for (const key of keys) {
      const member = record[key];
      if (isSkippable(member)) continue;
      const name = serialiseString(key, walk);
      walk.steps.push(key);
      out += (first ? '' : ',') + name + ':' + serialise(member, walk);
      walk.steps.pop();
      first = false;
    }
    return out + '}';
  } finally {
    walk.ancestors.delete(value);
  }
}

/**
 * Serialises a JSON value canonically. Throws TypeError for values JSON cannot represent
 * faithfully: non-finite numbers, bigint, functions, symbols, undefined (except as an object
 * member, which is omitted), lone surrogates and cycles.
 */
export function canonicalJson(value: unknown): string {
  const walk: Walk = { steps: [], ancestors: new Set() };
  if (value === undefined) fail(walk, 'undefined');
  return serialise(value, walk);
}
