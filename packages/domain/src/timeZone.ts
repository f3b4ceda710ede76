import { IANAZone } from 'luxon';

const zoneValidity = new Map<string, boolean>();
/**
 * IANAZone.isValidZone builds an Intl.DateTimeFormat on every call (a fifth of a replay's time);
 * zones are few, so each answer is kept. Bounded in case a client sends many invalid names.
 */
export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size >= 1000) zoneValidity.clear();
    zoneValidity.set(zone, valid);
  }
  return valid;
}
