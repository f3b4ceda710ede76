import t from 'tap';
import { findProvince, provinces, suggestProvinces, WIB, WIT, WITA } from './provinces.js';

t.test('all 38 provinces map to a zone', async (t) => {
  t.equal(provinces.length, 38);
  t.equal(new Set(provinces.map((p) => p.name)).size, 38);
  const count = (zone: string) => provinces.filter((p) => p.timeZone === zone).length;
  t.same([count(WIB), count(WITA), count(WIT)], [18, 12, 8]);
});

t.test('lookup is case-insensitive and knows aliases', async (t) => {
  t.equal(findProvince('KALIMANTAN  TIMUR')?.timeZone, WITA);
  t.equal(findProvince('babel')?.name, 'Kepulauan Bangka Belitung');
  t.equal(findProvince('NTB')?.name, 'Nusa Tenggara Barat');
  t.equal(findProvince('Papua Pegunungan')?.timeZone, WIT);
  t.equal(findProvince('Atlantis'), undefined);
});

t.test('suggestions put the nearest names first', async (t) => {
  t.equal(suggestProvinces('Kalimantan Timurr')[0], 'Kalimantan Timur');
  t.equal(suggestProvinces('jawa tenga')[0], 'Jawa Tengah');
  t.equal(suggestProvinces('x', 5).length, 5);
});
