/**
 * Stated amounts are decimal strings and stay exact: sums use BigInt, never floats; only the
 * words shown ("USD 100 million", "IDR 1,6–1,7 triliun") are rounded.
 */
import type { Lang } from './i18n.js';

const SCALE = 6;

function toUnits(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return BigInt(whole + fraction.padEnd(SCALE, '0').slice(0, SCALE));
}

function fromUnits(units: bigint): string {
  const text = units.toString().padStart(SCALE + 1, '0');
  const whole = text.slice(0, -SCALE);
  const fraction = text.slice(-SCALE).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

export function addDecimals(values: readonly string[]): string {
  return fromUnits(values.reduce((sum, v) => sum + toUnits(v), 0n));
}

const scales: readonly { size: number; en: string; id: string }[] = [
  { size: 1e12, en: 'trillion', id: 'triliun' },
  { size: 1e9, en: 'billion', id: 'miliar' },
  { size: 1e6, en: 'million', id: 'juta' },
];

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'id-ID');

/** "100 million" / "100 juta"; small amounts in full with grouping. */
export function amountWords(decimal: string, lang: Lang): string {
  const n = Number(decimal);
  const scale = scales.find((s) => n >= s.size);
  if (!scale) return new Intl.NumberFormat(locale(lang)).format(n);
  const short = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 2 }).format(
    n / scale.size,
  );
  return `${short} ${scale[lang]}`;
}

/** An amount or a range with its currency: "USD 100 million", "IDR 1.6–1.7 trillion". */
export function moneyText(
  m: {
    amount?: string | undefined;
    low?: string | undefined;
    high?: string | undefined;
    currency: string;
  },
  lang: Lang,
): string {
  if (m.amount !== undefined) return `${m.currency} ${amountWords(m.amount, lang)}`;
  const low = amountWords(m.low ?? '0', lang);
  const high = amountWords(m.high ?? '0', lang);
  const [lowNumber, lowUnit] = low.split(' ');
  const [highNumber, highUnit] = high.split(' ');
  // "1.6–1.7 trillion" rather than "1.6 trillion–1.7 trillion" when the unit is shared.
  if (lowUnit !== undefined && lowUnit === highUnit)
    return `${m.currency} ${lowNumber}–${highNumber} ${lowUnit}`;
  return `${m.currency} ${low}–${high}`;
}

/** The exact figure for a tooltip: "100,000,000". */
export function exactAmount(decimal: string, lang: Lang): string {
  const [whole = '0', fraction] = decimal.split('.');
  const grouped = BigInt(whole).toLocaleString(locale(lang));
  return fraction ? `${grouped}${lang === 'en' ? '.' : ','}${fraction}` : grouped;
}
