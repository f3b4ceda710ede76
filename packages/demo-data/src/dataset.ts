/**
 * The demo dataset: five real Indonesian industrial-zone projects, written as the ordered HTTP
 * requests a project manager would send to the command service (api.md). `start` replays them
 * into an empty store so a newcomer sees real histories.
 *
 * Built from the research notes in the shared seed-facts file (facts only; titles and notes are
 * our own words; quoted Indonesian date phrases are kept as the date inputs people typed).
 * Every step names its sources. Research lines that have no command of their own:
 *
 * - PartyRoleAssigned: folded into the `parties` of the project (registration or a PATCH).
 *   Pangkalpinang's proponent is a deputy-mayor candidate, not a project party: skipped
 *   (PK1), as is the later note that he was not among the registered candidate pairs (PK2,
 *   PK3; PartyRoleUpdated).
 * - StatusReported (Kaltim "in the approval process"): skipped; the project is `active` by
 *   default and the product's statuses are only active / on_hold / cancelled.
 * - FactCorrected (Batang: Zhejiang in a photo caption vs Zhijiang, Hubei in the body): folded
 *   into the partner's name, which uses the corrected spelling.
 * - MeetingHeld without a milestone type (Kaltim advance team in Anhui, Apr 2024; Kaltim–Anhui
 *   talks in Huangshan, Jun 2024): not recorded as milestones. Both follow the LoI, so they are
 *   not exploration; the June talks only add a party contact (PATCH step).
 * - Resolutions of source conflicts: api.md has no resolve route and conflict ids are assigned
 *   by the service, so conflicts are flagged only; the seed's resolution is in the step's note.
 */

/** A source as api.md's `sources` items: publishedOn is a canonical fuzzy date when known. */
export interface DemoSource {
  outlet: string;
  url: string;
  publishedOn?: string;
  title?: string;
}

export interface DemoStep {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
  note?: string;
}

/** Sources by the seed's ids; publishedOn omitted when the date is unknown or only a range. */
const sourceTable = {
  S0: {
    outlet: 'Siasatnusantara.com',
    url: 'https://www.siasatnusantara.com/bupati-belitung-tanda-tangani-mou-pengembangan-kawasan-industri-dengan-investor-tiongkok',
  },
  B2: {
    outlet: 'ANTARA Babel',
    url: 'https://babel.antaranews.com/berita/532987/pemkab-belitung-wanxinda-group-jalin-kerja-sama-kembangkan-industri-strategis',
    publishedOn: '2025-12-07',
  },
  S1: {
    outlet: 'ANTARA (Kaltim)',
    url: 'https://kaltim.antaranews.com/berita/206304/kaltim-gandeng-investor-asing-untuk-perkuat-lima-sektor-pembangunan',
  },
  K1: {
    outlet: 'Liputan6',
    url: 'https://opera.liputan6.com/news/read/5473262/kembali-perkuat-peningkatan-investasi-kaltim-kerja-sama-lagi-dengan-tiongkok',
    publishedOn: '2023-12-05',
  },
  K2: {
    outlet: 'ANTARA (Xinhua)',
    url: 'https://www.antaranews.com/berita/3856686/kaltim-perkuat-kerja-sama-ekonomi-dengan-provinsi-anhui-china',
    publishedOn: '2023',
  },
  K3: {
    outlet: 'Beritaborneo',
    url: 'https://beritaborneo.com/main/2023/12/04/akmal-malik-berharap-nilai-investasi-di-bufferzone-meningkat',
    publishedOn: '2023-12-04',
  },
  K4: {
    outlet: 'Reviewsatu.com',
    url: 'https://reviewsatu.com/2024/04/24/kaltim-jajaki-kerjasama-dengan-anhui-tiongkok-fokus-utama-di-sektor-pendidikan/',
    publishedOn: '2024-04-24',
  },
  K5: {
    outlet: 'Sekaltim.co / Timeskaltim / Benuanta',
    url: 'https://sekaltim.co/kaltim-dan-anhui-perkuat-kerja-sama-sister-province-bidik-investasi-di-ikn/?amp=1',
    publishedOn: '2024-06',
  },
  S2: {
    outlet: 'Radar Pekalongan (disway.id)',
    url: 'https://radarpekalongan.disway.id/read/102290/batang-dan-zhijiang-china-jajaki-kerja-sama-sister-city',
  },
  BT1: {
    outlet: 'InfoPublik (MC Kab. Batang)',
    url: 'https://validasi.infopublik.id/kategori/nusantara/923936/sister-city-batang-zhijiang-ada-investasi-usd100-juta-dan-3-500-lapangan-kerja-dari-proyek-tct',
    publishedOn: '2025-06-12',
  },
  BT2: {
    outlet: 'detikJateng',
    url: 'https://www.detik.com/jateng/berita/d-7962659/bupati-faiz-jajaki-sister-city-batang-zhijiang-potensi-investasi-rp-1-7-t',
    publishedOn: '2025-06-13',
  },
  BT3: {
    outlet: 'Bisnis.com (Semarang)',
    url: 'https://semarang.bisnis-cdn.com/read/20250415/535/1869406/bawa-us100-juta-allmed-medical-investasi-di-kek-batang',
    publishedOn: '2025-04-15',
  },
  BT4: {
    outlet: 'Kompas.com (Kilas Daerah)',
    url: 'https://kilasdaerah.kompas.com/kabupaten-batang/read/2025/04/16/153711778/allmed-medical-investasi-rp-16-triliun-di-batang-targetkan-serap-3500',
    publishedOn: '2025-04-16',
  },
  BT5: {
    outlet: 'Ragamutama.com',
    url: 'https://ragamutama.com/investasi-rp17-triliun-pabrik-china-hadir-di-kek-batang',
  },
  BT6: {
    outlet: 'Okezone',
    url: 'https://economy.okezone.com/read/2025/03/20/320/3124300/prabowo-resmikan-kek-industropolis-batang-rp17-triliun-harap-jadi-shenzhen-indonesia',
    publishedOn: '2025-03-20',
  },
  BT7: {
    outlet: 'BeritaQ (secondary, citing Kontan)',
    url: 'https://www.beritaq.com/2025/05/pp-122025-diluncurkan-kek-batang.html',
    publishedOn: '2025-05',
  },
  S3: {
    outlet: 'Dinas Perindustrian Prov. NTB (website)',
    url: 'https://disperin.ntbprov.go.id/?p=3737',
  },
  SB1: {
    outlet: 'Prokopim Kab. Sumbawa Barat',
    url: 'https://prokopim.sumbawabaratkab.go.id/pengelola-kawasan-industri-kabupaten-sumbawa-barat-segera-terbentuk',
  },
  SB2: {
    outlet: 'Suara NTB',
    url: 'https://suarantb.com/2024/03/28/bahas-percepatan-kawasan-industri-sumbawa-barat-dengan-kemenperin-dan-amman',
    publishedOn: '2024-03-28',
  },
  SB3: {
    outlet: 'PPID Kab. Sumbawa Barat',
    url: 'https://ppid.sumbawabaratkab.go.id/en/article/kawasan-industri-sumbawa-barat-akhirnya-terealisasi',
    publishedOn: '2024-03-28',
  },
  SB4: {
    outlet: 'ANTARA Mataram',
    url: 'https://mataram.antaranews.com/berita/335895/pemkab-sumbawa-barat-membentuk-tim-pengelola-kawasan-industri',
  },
  SB5: {
    outlet: 'ANTARA Mataram',
    url: 'https://mataram.antaranews.com/amp/berita/359097/kadisperin-ntb-pembangunan-smelter-di-sumbawa-barat-segera-rampung',
    publishedOn: '2024-07',
  },
  SB6: {
    outlet: 'IDN Times NTB',
    url: 'https://ntb.idntimes.com/news/ntb/belum-ada-investor-berinvestasi-di-industri-turunan-smelter-amnt-00-ldn3d-21twnz/amp',
    publishedOn: '2024-07-30',
  },
  SB7: {
    outlet: 'Dinas Perindustrian Prov. NTB (website)',
    url: 'https://disperin.ntbprov.go.id/?p=6496',
    publishedOn: '2025-09-23',
  },
  SB8: {
    outlet: 'Kontan',
    url: 'https://industri.kontan.co.id/news/kejar-target-penyelesaian-smelter-amman-mineral-berharap-mendapat-insentif',
    publishedOn: '2021-12',
  },
  SB9: {
    outlet: 'Kampuspedia (Wikipedia mirror; weak)',
    url: 'https://kampuspedia.com/Smelter_Amman_Mineral',
  },
  S4: {
    outlet: 'KILASBABEL.COM',
    url: 'https://kilasbabel.com/2025/06/13/kek-dan-hilirisasi-industri-cawawako-areng-peluang-emas-pangkalpinang-menuju-transformasi-ekonomi',
    publishedOn: '2025-06-13',
  },
} satisfies Record<string, DemoSource>;

type SourceId = keyof typeof sourceTable;

/** Fresh copies, so no two steps share (and could mutate) one source object. */
const src = (...ids: SourceId[]): DemoSource[] => ids.map((id) => ({ ...sourceTable[id] }));

// ---- Parties (re-sent in full by PATCH when people are added) -------------------------------

const kaltimGov = (extraPeople: { name: string; title: string }[] = []) => ({
  name: 'Pemerintah Provinsi Kalimantan Timur',
  role: 'government',
  country: 'ID',
  people: [
    {
      name: 'Arie Nur Nakahasima Oetomo',
      title: 'Kabid Promosi Penanaman Modal, DPMPTSP Kaltim',
    },
    ...extraPeople,
  ],
});
const anhuiGov = (people: { name: string; title: string }[]) => ({
  name: 'Pemerintah Provinsi Anhui',
  role: 'partner',
  country: 'CN',
  ...(people.length > 0 && { people }),
});
const jacMotors = { name: 'JAC Motors', role: 'investor', country: 'CN' };
const akmalMalik = { name: 'Akmal Malik', title: 'Pj Gubernur Kalimantan Timur' };
const shanXiangqian = { name: 'Shan Xiangqian', title: 'Wakil Gubernur Anhui' };
const sunYong = { name: 'Sun Yong', title: 'Wakil Gubernur Anhui' };

export const demoSteps: readonly DemoStep[] = [
  // ==== Belitung industrial estate (blt-ki), WIB ==============================================
  {
    method: 'POST',
    path: '/projects',
    body: {
      projectId: 'blt-ki',
      name: 'Kawasan Industri Belitung (PT Wanxinda Group Indonesia)',
      kind: 'industrial_estate',
      location: { province: 'Kepulauan Bangka Belitung', regency: 'Kabupaten Belitung' },
      timeZone: 'Asia/Jakarta',
      sectors: ['pengolahan', 'energi terbarukan', 'manufaktur', 'logistik'],
      parties: [
        {
          name: 'Pemerintah Kabupaten Belitung',
          role: 'government',
          country: 'ID',
          people: [{ name: 'H. Djoni Alamsyah Hidayat, S.Sos.', title: 'Bupati Belitung' }],
        },
        {
          name: 'PT Wanxinda Group Indonesia',
          role: 'investor',
          country: 'CN',
          people: [{ name: 'Chen Riling', title: 'CEO' }],
        },
      ],
      sources: src('S0'),
    },
    note: 'Site within the regency not stated. Investor country CN: the sources present it as a Chinese investor (the signing party is its Indonesian company).',
  },
  {
    method: 'POST',
    path: '/projects/blt-ki/milestones',
    body: {
      milestoneId: 'blt-mou',
      type: 'mou_signed',
      title: 'MoU between the regency and PT Wanxinda Group Indonesia',
      phase: 'point',
      scope: 'project',
      achievedOn: 'Kamis (4/12/2025)',
      venueTimeZone: 'Asia/Jakarta',
      sources: src('S0', 'B2'),
    },
    note: 'Signed in Jakarta (WIB) at a China–Indonesia industrial cooperation forum; the project is WIB as well. MoU scope: local workforce training, technology exchange, environmental feasibility, industrial digitalisation.',
  },
  {
    method: 'POST',
    path: '/projects/blt-ki/milestones',
    body: {
      milestoneId: 'blt-fs',
      type: 'feasibility_study',
      title: 'Technical study',
      phase: 'start',
      scope: 'project',
      target: 'triwulan pertama 2026',
      sources: src('S0'),
    },
    note: 'Start target stated by the regency government.',
  },
  {
    method: 'POST',
    path: '/projects/blt-ki/milestones',
    body: {
      milestoneId: 'blt-land',
      type: 'land_designated',
      title: 'Land designation',
      phase: 'start',
      scope: 'project',
      target: 'triwulan pertama 2026',
      sources: src('S0'),
    },
  },
  {
    method: 'POST',
    path: '/projects/blt-ki/milestones',
    body: {
      milestoneId: 'blt-mp',
      type: 'masterplan',
      title: 'Industrial zone masterplan',
      phase: 'start',
      scope: 'project',
      target: 'triwulan pertama 2026',
      sources: src('S0'),
    },
  },
  {
    method: 'POST',
    path: '/projects/blt-ki/milestones',
    body: {
      milestoneId: 'blt-envfs',
      type: 'feasibility_study',
      title: 'Environmental feasibility study',
      phase: 'complete',
      scope: 'project',
      target: 'unknown',
      sources: src('S0'),
    },
    note: 'Part of the MoU scope; no date given.',
  },

  // ==== Kaltim–Anhui cooperation (kaltim-anhui), WITA ==========================================
  {
    method: 'POST',
    path: '/projects',
    body: {
      projectId: 'kaltim-anhui',
      name: 'Kerja sama Provinsi Kalimantan Timur – Provinsi Anhui',
      kind: 'cooperation',
      location: { province: 'Kalimantan Timur' },
      timeZone: 'Asia/Makassar',
      sectors: [
        'industri: pabrik mobil listrik',
        'industri: baterai litium',
        'industri: crude palm oil',
        'industri: perkeretaapian',
        'perdagangan: kayu',
        'perdagangan: batubara',
        'perdagangan: industri kimia batubara',
        'pertanian: perkebunan sawit',
        'pertanian: perikanan',
        'pertanian: tanaman pangan',
        'pendidikan: pelatihan SDM',
        'pendidikan: beasiswa',
        'pendidikan: pertukaran pelajar',
        'pariwisata: objek wisata',
        'pariwisata: perhotelan',
      ],
      parties: [kaltimGov(), anhuiGov([]), jacMotors],
      sources: src('S1'),
    },
    note: 'Five sector groups flattened to "group: item". The DPMPTSP spokesperson is kept as a person of the provincial government. S1 was published in the first half of 2024 (exact date unknown). Its report that the cooperation was in the approval process is not a status change and is not recorded.',
  },
  {
    method: 'POST',
    path: '/projects/kaltim-anhui/milestones',
    body: {
      milestoneId: 'kt-loi',
      type: 'loi_signed',
      title: 'Letter of intent Kaltim–Anhui',
      phase: 'point',
      scope: 'project',
      achievedOn: 'Senin (4/12/2023)',
      venueTimeZone: 'Asia/Jakarta',
      sources: src('K1', 'K2', 'K3'),
    },
    note: 'Signed at a hotel in Jakarta, so the date is recorded in WIB while the project is WITA. The source gives "Senin (4/12)"; the year 2023 comes from the publication dates.',
  },
  {
    method: 'PATCH',
    path: '/projects/kaltim-anhui',
    body: {
      parties: [kaltimGov([akmalMalik]), anhuiGov([shanXiangqian]), jacMotors],
      sources: src('K1', 'K2'),
    },
    note: 'Adds the signatories of the letter of intent (Anhui signatory as named by ANTARA/Xinhua).',
  },
  {
    method: 'POST',
    path: '/projects/kaltim-anhui/conflicts',
    body: {
      field: 'kt-loi.achievedOn',
      claims: [
        { value: '2023-11-04', source: 'Beritaborneo' },
        { value: '2023-12-04', source: 'Liputan6' },
      ],
      sources: src('K3', 'K1'),
    },
    note: 'Seed resolution (not sent: no resolve route): 2023-12-04, because 4 Nov 2023 was a Saturday while the text says Monday, and the outlet’s own URL is dated 2023/12/04.',
  },
  {
    method: 'POST',
    path: '/projects/kaltim-anhui/milestones',
    body: {
      milestoneId: 'kt-mou',
      type: 'mou_signed',
      title: 'Cooperation MoU Kaltim–Anhui',
      phase: 'point',
      scope: 'project',
      target: 'Mei 2024',
      sources: src('S1'),
    },
    note: 'To be signed during a visit to China.',
  },
  {
    method: 'POST',
    path: '/projects/kaltim-anhui/milestones',
    body: {
      milestoneId: 'kt-moa',
      type: 'moa_signed',
      title: 'Cooperation agreement (MoA) Kaltim–Anhui',
      phase: 'point',
      scope: 'project',
      target: 'Mei 2024',
      sources: src('S1'),
    },
  },
  {
    method: 'POST',
    path: '/projects/kaltim-anhui/milestones',
    body: {
      milestoneId: 'kt-jac-op',
      type: 'commercial_operation',
      title: 'JAC Motors electric vehicle assembly in Kaltim',
      phase: 'point',
      scope: 'anchor:jac-ev-assembly',
      target: 'unknown',
      sources: src('S1'),
    },
    note: 'Assembly of electric cars, trucks and heavy equipment; the engine plant stays in DKI Jakarta. No date given.',
  },
  {
    method: 'POST',
    path: '/projects/kaltim-anhui/milestones/kt-mou/reschedule',
    body: {
      target: 'Juni 2024',
      reasonCode: 'unstated',
      reason: 'Start of the cooperation, opened by the signing, now stated for June 2024.',
      sources: src('K4'),
    },
    note: 'Interpretation (assumption): the June 2024 start replaces the May 2024 signing. K4 also reports an advance team already in Anhui on 23 Apr 2024; that visit is not recorded as a milestone.',
  },
  {
    method: 'PATCH',
    path: '/projects/kaltim-anhui',
    body: {
      parties: [kaltimGov([akmalMalik]), anhuiGov([shanXiangqian, sunYong]), jacMotors],
      sources: src('K5'),
    },
    note: 'Sister-province talks in Huangshan, Anhui on 20 Jun 2024 (Asia/Shanghai) add an Anhui contact. The talks follow the LoI, so they are not an exploration milestone, and no MoU or MoA signature there is confirmed: kt-mou and kt-moa stay open.',
  },

  // ==== Ace Medical plant, KEK Industropolis Batang (btg-acemed), WIB ===========================
  {
    method: 'POST',
    path: '/projects',
    body: {
      projectId: 'btg-acemed',
      name: 'Pabrik PT Ace Medical Products Indonesia (Allmed Medical), KEK Industropolis Batang',
      kind: 'plant',
      location: {
        province: 'Jawa Tengah',
        regency: 'Kabupaten Batang',
        site: 'KEK Industropolis Batang (KIT Batang)',
      },
      timeZone: 'Asia/Jakarta',
      parties: [
        {
          name: 'PT Ace Medical Products Indonesia (Allmed Medical)',
          role: 'investor',
          country: 'CN',
        },
        {
          name: 'Pemerintah Kabupaten Batang',
          role: 'government',
          country: 'ID',
          people: [{ name: 'M. Faiz Kurniawan', title: 'Bupati Batang' }],
        },
        {
          name: 'Pemerintah Kota Zhijiang, Provinsi Hubei',
          role: 'partner',
          country: 'CN',
          people: [{ name: 'Huang Fangshuai', title: 'Wali Kota Zhijiang' }],
        },
      ],
      sources: src('S2', 'BT3'),
    },
    note: 'Programmes: Two Countries Twin Parks (TCTP) and the Batang–Zhijiang sister city. Partner name uses the article body (Zhijiang, Hubei), not the photo caption (Zhejiang).',
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'kitb-perpres',
      type: 'national_plan_listed',
      title: 'Estate in Perpres 106/2022',
      phase: 'point',
      scope: 'estate',
      achievedOn: '2022',
      sources: src('BT6'),
    },
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'ace-ppti',
      type: 'tenant_land_agreement',
      title: 'Land use agreement for the plant plot',
      phase: 'point',
      scope: 'project',
      achievedOn: '17 Desember 2024',
      sources: src('BT3'),
    },
    note: 'Signed before the KEK regulation: accepted, shown as out of order.',
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'kek-pp',
      type: 'kek_designated',
      title: 'KEK designated by PP 12/2025',
      phase: 'point',
      scope: 'estate',
      achievedOn: '19 Maret 2025',
      sources: src('BT7'),
    },
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'kek-launch',
      type: 'commercial_operation',
      title: 'KEK Industropolis Batang inaugurated',
      phase: 'point',
      scope: 'estate',
      achievedOn: 'Kamis (20/3/2025)',
      sources: src('BT6'),
    },
    note: 'Estate scope: the zone operates, not yet the plant.',
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'ace-gb',
      type: 'groundbreaking',
      title: 'Plant groundbreaking',
      phase: 'point',
      scope: 'project',
      achievedOn: 'Selasa (15/4/2025)',
      sources: src('BT3', 'BT4'),
    },
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/facts',
    body: {
      fact: 'investment',
      kind: 'committed',
      amount: '100000000',
      currency: 'USD',
      sources: src('BT3', 'BT4', 'S2'),
    },
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/facts',
    body: {
      fact: 'investment',
      kind: 'committed',
      low: '1600000000000',
      high: '1700000000000',
      currency: 'IDR',
      text: 'Rupiah figure of the same commitment, given as 1.6 to 1.7 trillion',
      sources: src('BT3', 'BT4', 'S2'),
    },
    note: 'Same commitment stated in rupiah; kept as stated, never converted.',
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/facts',
    body: { fact: 'area', hectares: '24.8', scope: 'plot', sources: src('BT3', 'S2') },
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/conflicts',
    body: {
      field: 'area_ha',
      claims: [
        { value: '2.84', source: 'Ragamutama.com' },
        { value: '24.8', source: 'Bisnis.com (Semarang)' },
      ],
      sources: src('BT5', 'BT3'),
    },
    note: 'Pending; most sources give 24.8 ha.',
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/facts',
    body: {
      fact: 'jobs',
      kind: 'projected',
      comparator: '>',
      count: 3500,
      text: 'local workers',
      sources: src('BT3', 'S2'),
    },
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'ace-cc',
      type: 'construction_completed',
      title: 'Plant construction completed',
      phase: 'complete',
      scope: 'project',
      target: 'April 2026',
      sources: src('BT3'),
    },
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'sc-meeting',
      type: 'exploration_meeting',
      title: 'Online sister-city meeting Batang–Zhijiang',
      phase: 'point',
      scope: 'sister-city',
      achievedOn: 'Kamis (12/6/2025)',
      sources: src('S2', 'BT1', 'BT2'),
    },
    note: 'Held online from the Batang regent’s office (WIB).',
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'ace-cod',
      type: 'commercial_operation',
      title: 'Plant in operation',
      phase: 'point',
      scope: 'project',
      target: 'April 2026',
      sources: src('S2'),
    },
    note: 'One source says the plant operates in April 2026, another that construction completes then: kept as two milestones.',
  },
  {
    method: 'POST',
    path: '/projects/btg-acemed/milestones',
    body: {
      milestoneId: 'sc-sign',
      type: 'mou_signed',
      title: 'Sister-city agreement signing in Batang',
      phase: 'point',
      scope: 'sister-city',
      target: 'Juli 2025',
      sources: src('S2'),
    },
    note: 'Planned during a visit of the Zhijiang delegation to Batang.',
  },

  // ==== Sumbawa Barat industrial estate and AMNT smelter (ksb-ki), WITA ========================
  {
    method: 'POST',
    path: '/projects',
    body: {
      projectId: 'ksb-ki',
      name: 'Kawasan Industri Sumbawa Barat (Maluk; smelter PT AMNT)',
      kind: 'industrial_estate',
      location: {
        province: 'Nusa Tenggara Barat',
        regency: 'Kabupaten Sumbawa Barat',
        site: 'Kecamatan Maluk',
      },
      timeZone: 'Asia/Makassar',
      parties: [
        {
          name: 'Pemerintah Kabupaten Sumbawa Barat',
          role: 'government',
          country: 'ID',
          people: [{ name: 'W. Musyafirin', title: 'Bupati Sumbawa Barat' }],
        },
        {
          name: 'Dinas Perindustrian Provinsi Nusa Tenggara Barat',
          role: 'government',
          country: 'ID',
          people: [{ name: 'Nuryanti', title: 'Kepala Dinas Perindustrian NTB' }],
        },
        {
          name: 'Kementerian Perindustrian',
          role: 'government',
          country: 'ID',
          people: [{ name: 'Niken Triwulandari', title: 'Ketua Tim Pembangunan Kawasan Industri' }],
        },
        {
          name: 'PT Amman Mineral Nusa Tenggara (AMNT)',
          role: 'investor',
          country: 'ID',
          people: [{ name: 'Rachmat Makkasau', title: 'Presiden Direktur' }],
        },
      ],
      sources: src('S3', 'SB4'),
    },
    note: 'People as named at the March 2024 coordination meeting; the AMNT president director is also spelled Rahmat in some sources.',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones',
    body: {
      milestoneId: 'rpjmn-2020',
      type: 'national_plan_listed',
      title: 'Listed in RPJMN 2020–2024',
      phase: 'point',
      scope: 'project',
      achievedOn: 'unknown',
      sources: src('SB2', 'SB4'),
    },
    note: 'Proposed around the end of 2019; the date of the listing is not given.',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones',
    body: {
      milestoneId: 'smelter-cc',
      type: 'construction_completed',
      title: 'Smelter construction completed',
      phase: 'complete',
      scope: 'anchor:smelter',
      target: '2022',
      sources: src('SB4'),
    },
    note: 'The original plan (baseline).',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones/smelter-cc/reschedule',
    body: {
      target: '2023',
      reasonCode: 'force_majeure',
      reason: 'COVID-19 pandemic',
      sources: src('SB8'),
    },
    note: 'Publication year 2021 inferred from context (assumption).',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones/smelter-cc/reschedule',
    body: {
      target: '2024',
      reasonCode: 'unstated',
      reason: 'Completion including commissioning now stated for 2024.',
      sources: src('SB6'),
    },
    note: 'SB6 (30 Jul 2024) is the first source read that gives 2024; when the target actually moved is unknown.',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones',
    body: {
      milestoneId: 'ksb-meeting',
      type: 'exploration_meeting',
      title: 'Coordination meeting on the estate with Kemenperin and AMNT',
      phase: 'point',
      scope: 'project',
      achievedOn: 'Senin (25/3/2024)',
      venueTimeZone: 'Asia/Jakarta',
      sources: src('S3', 'SB1', 'SB2', 'SB3'),
    },
    note: 'Held at the AMNT office in Jakarta at 15:00 WIB (16:00 WITA), so recorded in WIB. Outcome: a joint commitment and a push to list the estate in the RPJMN 2025–2029.',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/conflicts',
    body: {
      field: 'ksb-meeting.convener',
      claims: [
        { value: 'Dinas Perindustrian NTB', source: 'Dinas Perindustrian Prov. NTB (website)' },
        {
          value: 'Kemenperin regional industry directorate (per the invitation)',
          source: 'Prokopim Kab. Sumbawa Barat',
        },
      ],
      sources: src('S3', 'SB1'),
    },
    note: 'Seed resolution: record both.',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/facts',
    body: {
      fact: 'area',
      hectares: '1200',
      comparator: '~',
      scope: 'allocated',
      text: 'includes the smelter',
      sources: src('SB4'),
    },
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/facts',
    body: {
      fact: 'area',
      hectares: '850',
      scope: 'controlled',
      text: 'controlled by AMMAN',
      sources: src('SB5'),
    },
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones',
    body: {
      milestoneId: 'ksb-operator',
      type: 'operator_designated',
      title: 'Estate operator designated',
      phase: 'point',
      scope: 'estate',
      target: 'unknown',
      sources: src('SB5', 'SB6'),
    },
    note: 'No estate operator yet as of July 2024; no date given.',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones/smelter-cc/progress',
    body: { percent: 95.5, asOf: 'Mei 2024', verifiedBy: 'PT Sucofindo', sources: src('SB5') },
    note: 'Cumulative physical progress; the same report gives 86.30% for the refinery (PMR).',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones',
    body: {
      milestoneId: 'smelter-comm',
      type: 'commissioning',
      title: 'Smelter commissioning started',
      phase: 'start',
      scope: 'anchor:smelter',
      achievedOn: 'Juni 2024',
      sources: src('SB5'),
    },
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones/smelter-cc/progress',
    body: { percent: 97, asOf: 'Selasa (30/7/2024)', sources: src('SB6') },
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones',
    body: {
      milestoneId: 'smelter-cod',
      type: 'commercial_operation',
      title: 'Smelter inaugurated',
      phase: 'point',
      scope: 'anchor:smelter',
      achievedOn: 'Senin (23/9/2024)',
      sources: src('SB9'),
    },
    note: 'Low confidence: only a weak source (a Wikipedia mirror) gives this date; verify. No source read reports construction completion, so smelter-cc stays open.',
  },
  {
    method: 'POST',
    path: '/projects/ksb-ki/milestones',
    body: {
      milestoneId: 'rpjmn-2025',
      type: 'national_plan_listed',
      title: 'Listed in RPJMN 2025–2029',
      phase: 'point',
      scope: 'project',
      achievedOn: '2025',
      sources: src('SB7'),
    },
    note: 'Range mapped to a year: reported on 23 Sep 2025 as already listed; the research bound is 25 Mar 2024 (the meeting) to 23 Sep 2025, and the RPJMN 2025–2029 itself dates from 2025, so the year 2025 is recorded.',
  },

  // ==== Pangkalpinang KEK (pgk-kek), WIB: still an idea ========================================
  {
    method: 'POST',
    path: '/projects',
    body: {
      projectId: 'pgk-kek',
      name: 'KEK Pangkalpinang (usulan hilirisasi timah dan mineral)',
      kind: 'special_economic_zone',
      location: { province: 'Kepulauan Bangka Belitung', city: 'Kota Pangkalpinang' },
      timeZone: 'Asia/Jakarta',
      sectors: ['smelter', 'komponen elektronik', 'ekosistem kendaraan listrik'],
      sources: src('S4'),
    },
    note: 'An idea put forward on 13 Jun 2025 by a deputy-mayor candidate (not recorded as a party); it depends on working with the provincial government. No parties yet.',
  },
  {
    method: 'POST',
    path: '/projects/pgk-kek/milestones',
    body: {
      milestoneId: 'pgk-proposal',
      type: 'kek_proposed',
      title: 'KEK proposal submitted',
      phase: 'point',
      scope: 'project',
      target: 'unknown',
      sources: src('S4'),
    },
  },
  {
    method: 'POST',
    path: '/projects/pgk-kek/facts',
    body: {
      fact: 'jobs',
      kind: 'projected',
      text: 'thousands of jobs (no figure given)',
      sources: src('S4'),
    },
  },
];
