/** Case- and accent-insensitive form for matching names people type ("jawa tengah", "Sulawesi"). */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Folded province names, remembered: one string per province, not one per project or row. */
const folded = new Map<string, string>();
export function foldedKey(name: string): string {
  const known = folded.get(name);
  if (known !== undefined) return known;
  if (folded.size >= 10_000) folded.clear();
  const raw = fold(name);
  // Folding is idempotent: a key is its own entry, shared by every spelling that folds to it.
  const key = folded.get(raw) ?? raw;
  folded.set(name, key);
  folded.set(key, key);
  return key;
}

// One collator for every comparison: localeCompare without one sets up ICU state per call.
const collator = new Intl.Collator('en');
/** Names in the order people expect (case and accents considered, as localeCompare does). */
export const byName = (a: string, b: string): number => collator.compare(a, b);

/** Codes, ids and ISO instants: plain code-unit order, which is also time order for ISO. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
