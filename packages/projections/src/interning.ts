import type { Fact, FuzzyDate, Source } from '@kawasan/domain';

/**
 * One shared copy of the values that recur across folds. At 100k projects the same time zones,
 * milestone types, outlets and fuzzy dates ("triwulan ketiga 2026" in Asia/Jakarta) come back
 * hundreds of thousands of times; JSON.parse gives each occurrence its own string and object.
 * Shared objects must never be changed (their types are readonly): folds replace them.
 *
 * The tables are bounded: past the limit a table starts afresh, which only costs sharing (equal
 * values stay equal by content, so nothing relies on identity for correctness).
 */
const LIMIT = 100_000;

const strings = new Map<string, string>();
const dates = new Map<string, FuzzyDate>();
const values = new Map<string, unknown>();

/** The shared copy of a repeated string (a zone, a type, a scope, an outlet). */
export function internString<S extends string | undefined>(s: S): S {
  if (s === undefined) return s;
  const known = strings.get(s);
  if (known !== undefined) return known as S;
  if (strings.size >= LIMIT) strings.clear();
  strings.set(s, s);
  return s;
}

const DATE_KEYS = ['value', 'precision', 'start', 'end', 'timeZone', 'text'];

/** The date has the usual keys in the usual order (`text` may be missing). */
function usualKeys(d: FuzzyDate): boolean {
  let i = 0;
  for (const k in d) if (k !== DATE_KEYS[i++]) return false;
  return i >= DATE_KEYS.length - 1;
}

/**
 * The shared copy of a fuzzy date, its strings shared too. Only dates with the usual keys in the
 * usual order are shared (every date the schemas produce), so a shared copy always serialises
 * exactly like the date it stands for; any other is copied as it is.
 */
export function internDate<D extends FuzzyDate | null>(d: D): D {
  if (d === null) return d;
  if (!usualKeys(d)) return { ...d };
  // A short key (value, zone and text tell dates apart); the other fields are compared. This
  // runs for every date of a replay: building and hashing a key of all six cost twice as much.
  const key =
    d.text === undefined ? `${d.value}|${d.timeZone}` : `${d.value}|${d.timeZone}|${d.text}`;
  const known = dates.get(key);
  if (
    known !== undefined &&
    known.precision === d.precision &&
    known.start === d.start &&
    known.end === d.end &&
    known.text === d.text
  )
    return known as D;
  if (dates.size >= LIMIT) dates.clear();
  const s = internString;
  const shared: FuzzyDate = {
    value: d.value === null ? null : s(d.value),
    precision: s(d.precision),
    start: d.start === null ? null : s(d.start),
    end: d.end === null ? null : s(d.end),
    timeZone: s(d.timeZone),
  };
  if (d.text !== undefined) shared.text = s(d.text);
  dates.set(key, shared);
  return shared as D;
}

/**
 * The shared copy of a small JSON-shaped value (a location, a sector list), keyed by its JSON
 * (key order included).
 */
export function internValue<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  const key = JSON.stringify(value);
  const known = values.get(key);
  if (known !== undefined) return known as T;
  if (values.size >= LIMIT) values.clear();
  values.set(key, value);
  return value;
}

/** The fields of a fact that take one of a few words (the rest are amounts, counts, text). */
const FACT_WORDS = new Set(['fact', 'kind', 'currency', 'scope', 'comparator']);

/**
 * A fact with its words shared ("investment", "committed", "USD"): 297k facts at scale, each of
 * which would otherwise keep its own copies. Keys stay in their order.
 */
export function internFact(fact: Fact): Fact {
  const copy: Record<string, unknown> = {};
  for (const k in fact) {
    const v: unknown = fact[k as keyof Fact];
    copy[k] = typeof v === 'string' && FACT_WORDS.has(k) ? internString(v) : v;
  }
  return copy as Fact;
}

const EMPTY: readonly Source[] = Object.freeze([]);

/**
 * An entry's sources as a fold keeps them: outlets and dates shared (URLs are mostly unique),
 * one list for the milestone, fact and project that cite it.
 */
export function entrySources(list: readonly Source[]): readonly Source[] {
  if (list.length === 0) return EMPTY;
  return list.map((s) => {
    const copy: Record<string, unknown> = {};
    for (const k in s) {
      const v = s[k as keyof Source];
      copy[k] = typeof v === 'string' && k !== 'url' ? internString(v) : v;
    }
    return copy as Source;
  });
}

/** Equal as JSON, without serialising: sources and dates are flat objects of strings. */
function sameJson(a: object, b: object): boolean {
  if (a === b) return true;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i]) return false;
    const x: unknown = (a as Record<string, unknown>)[k];
    const y: unknown = (b as Record<string, unknown>)[k];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || JSON.stringify(x) !== JSON.stringify(y))
      return false;
  }
  return true;
}

/** Two sources cite the same thing when they are equal as JSON (the url rules most out at once). */
const sameSource = (a: Source, b: Source) =>
  a === b || (a.url === b.url && a.outlet === b.outlet && sameJson(a, b));

/** `a` followed by the sources of `b` it lacks; `a` itself when it lacks none (no copy). */
export function mergeSources(a: readonly Source[], b: readonly Source[]): readonly Source[] {
  if (b.length === 0 || a === b) return a;
  if (a.length === 0) return b;
  let added: Source[] | null = null;
  for (const s of b) if (!a.some((x) => sameSource(x, s))) (added ??= []).push(s);
  // concat, not spread: a spread array keeps spare capacity, and folds keep these lists.
  return added ? a.concat(added) : a;
}
