/**
 * The 38 provinces of Indonesia with their official names and IANA time zones.
 * Indonesia has no daylight saving, so a province maps to exactly one zone.
 */
export const WIB = 'Asia/Jakarta';
export const WITA = 'Asia/Makassar';
export const WIT = 'Asia/Jayapura';

export const zoneAbbreviations: Readonly<Record<string, string>> = {
  [WIB]: 'WIB',
  [WITA]: 'WITA',
  [WIT]: 'WIT',
};

export interface Province {
  readonly name: string;
  readonly timeZone: string;
  /** Common short forms people type ("Babel", "NTB", "Kaltim"). */
  readonly aliases: readonly string[];
}

export const provinces: readonly Province[] = [
  { name: 'Aceh', timeZone: WIB, aliases: ['Nanggroe Aceh Darussalam', 'NAD'] },
  { name: 'Sumatera Utara', timeZone: WIB, aliases: ['Sumut', 'North Sumatra'] },
  { name: 'Sumatera Barat', timeZone: WIB, aliases: ['Sumbar', 'West Sumatra'] },
  { name: 'Riau', timeZone: WIB, aliases: [] },
  { name: 'Kepulauan Riau', timeZone: WIB, aliases: ['Kepri', 'Riau Islands'] },
  { name: 'Jambi', timeZone: WIB, aliases: [] },
  { name: 'Sumatera Selatan', timeZone: WIB, aliases: ['Sumsel', 'South Sumatra'] },
  {
    name: 'Kepulauan Bangka Belitung',
    timeZone: WIB,
    aliases: ['Bangka Belitung', 'Babel', 'Bangka Belitung Islands'],
  },
  { name: 'Bengkulu', timeZone: WIB, aliases: [] },
  { name: 'Lampung', timeZone: WIB, aliases: [] },
  {
    name: 'DKI Jakarta',
    timeZone: WIB,
    aliases: ['Jakarta', 'Daerah Khusus Ibukota Jakarta', 'Daerah Khusus Jakarta', 'DKJ'],
  },
  { name: 'Jawa Barat', timeZone: WIB, aliases: ['Jabar', 'West Java'] },
  { name: 'Banten', timeZone: WIB, aliases: [] },
  { name: 'Jawa Tengah', timeZone: WIB, aliases: ['Jateng', 'Central Java'] },
  {
    name: 'Daerah Istimewa Yogyakarta',
    timeZone: WIB,
    aliases: ['DI Yogyakarta', 'DIY', 'Yogyakarta'],
  },
  { name: 'Jawa Timur', timeZone: WIB, aliases: ['Jatim', 'East Java'] },
  { name: 'Kalimantan Barat', timeZone: WIB, aliases: ['Kalbar', 'West Kalimantan'] },
  { name: 'Kalimantan Tengah', timeZone: WIB, aliases: ['Kalteng', 'Central Kalimantan'] },
  { name: 'Bali', timeZone: WITA, aliases: [] },
  { name: 'Nusa Tenggara Barat', timeZone: WITA, aliases: ['NTB', 'West Nusa Tenggara'] },
  { name: 'Nusa Tenggara Timur', timeZone: WITA, aliases: ['NTT', 'East Nusa Tenggara'] },
  { name: 'Kalimantan Selatan', timeZone: WITA, aliases: ['Kalsel', 'South Kalimantan'] },
  { name: 'Kalimantan Timur', timeZone: WITA, aliases: ['Kaltim', 'East Kalimantan'] },
  { name: 'Kalimantan Utara', timeZone: WITA, aliases: ['Kaltara', 'North Kalimantan'] },
  { name: 'Sulawesi Utara', timeZone: WITA, aliases: ['Sulut', 'North Sulawesi'] },
  { name: 'Gorontalo', timeZone: WITA, aliases: [] },
  { name: 'Sulawesi Tengah', timeZone: WITA, aliases: ['Sulteng', 'Central Sulawesi'] },
  { name: 'Sulawesi Barat', timeZone: WITA, aliases: ['Sulbar', 'West Sulawesi'] },
  { name: 'Sulawesi Selatan', timeZone: WITA, aliases: ['Sulsel', 'South Sulawesi'] },
  { name: 'Sulawesi Tenggara', timeZone: WITA, aliases: ['Sultra', 'Southeast Sulawesi'] },
  { name: 'Maluku', timeZone: WIT, aliases: [] },
  { name: 'Maluku Utara', timeZone: WIT, aliases: ['Malut', 'North Maluku'] },
  { name: 'Papua', timeZone: WIT, aliases: [] },
  { name: 'Papua Barat', timeZone: WIT, aliases: ['West Papua'] },
  { name: 'Papua Barat Daya', timeZone: WIT, aliases: ['Southwest Papua'] },
  { name: 'Papua Tengah', timeZone: WIT, aliases: ['Central Papua'] },
  { name: 'Papua Pegunungan', timeZone: WIT, aliases: ['Highland Papua'] },
  { name: 'Papua Selatan', timeZone: WIT, aliases: ['South Papua'] },
];

const normalise = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

const byKey = new Map<string, Province>();
for (const p of provinces) {
  byKey.set(normalise(p.name), p);
  for (const a of p.aliases) byKey.set(normalise(a), p);
}

/** Finds a province by official name or alias, case-insensitively. */
export function findProvince(input: string): Province | undefined {
  return byKey.get(normalise(input));
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The official names closest to a misspelt input, best first (for "did you mean"). */
export function suggestProvinces(input: string, count = 3): string[] {
  const needle = normalise(input);
  return provinces
    .map((p) => ({
      name: p.name,
      distance: Math.min(
        editDistance(needle, normalise(p.name)),
        ...p.aliases.map((a) => editDistance(needle, normalise(a))),
      ),
    }))
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, count)
    .map((s) => s.name);
}
