/** Exact sums of non-negative decimal strings ("1600000000000", "24.8"): money is never a float. */
const SCALE = 6;

const toUnits = (d: string): bigint => {
  const [whole = '0', fraction = ''] = d.split('.');
  return BigInt(whole + fraction.padEnd(SCALE, '0').slice(0, SCALE));
};

const fromUnits = (units: bigint): string => {
  const digits = units.toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
};

export const addDecimals = (values: Iterable<string>): string => {
  let total = 0n;
  for (const v of values) total += toUnits(v);
  return fromUnits(total);
};
