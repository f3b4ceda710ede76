/** Case- and accent-insensitive form for matching names people type ("jawa tengah", "Sulawesi"). */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

// One collator for every comparison: localeCompare without one sets up ICU state per call.
const collator = new Intl.Collator('en');
/** Names in the order people expect (case and accents considered, as localeCompare does). */
export const byName = (a: string, b: string): number => collator.compare(a, b);

/** Codes, ids and ISO instants: plain code-unit order, which is also time order for ISO. */
export const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
