/**
 * Indonesian and English. Domain labels (kinds, stages, health, milestone types, reason codes)
 * come from the domain vocabulary the server sends; the page's own words are below.
 */
export type Lang = 'en' | 'id';
export interface Label {
  readonly en: string;
  readonly id: string;
}

export interface Vocabulary {
  readonly kinds: Record<string, Label>;
  readonly stages: Record<string, Label>;
  readonly health: Record<string, Label>;
  readonly milestoneTypes: Record<string, { stage: string | null; label: Label }>;
  readonly phases: Record<string, Label>;
  readonly milestoneStatuses: readonly string[];
  readonly reasonCodes: Record<string, Label>;
  readonly projectStatuses: Record<string, Label>;
  readonly dueStates: readonly string[];
  readonly partyRoles: readonly string[];
  readonly investmentKinds: readonly string[];
  readonly jobsKinds: readonly string[];
  readonly jobsComparators: readonly string[];
  readonly areaScopes: readonly string[];
  readonly provinces: readonly { name: string; timeZone: string }[];
  readonly zones: Record<string, string>;
}

const words = {
  appTitle: ['Kawasan tracker', 'Pelacak Kawasan'],
  skip: ['Skip to content', 'Langsung ke isi'],
  portfolio: ['Portfolio', 'Portofolio'],
  language: ['Language', 'Bahasa'],
  signIn: ['Sign in', 'Masuk'],
  signOut: ['Sign out', 'Keluar'],
  token: ['Bearer token', 'Token bearer'],
  tokenHint: [
    'Paste the token you were given. It is kept in this browser tab only.',
    'Tempel token yang Anda terima. Token hanya disimpan di tab peramban ini.',
  ],
  badToken: ['This token was not accepted.', 'Token ini tidak diterima.'],
  signedInAs: ['Signed in as {actor} ({roles})', 'Masuk sebagai {actor} ({roles})'],
  needSignIn: ['Sign in to see the projects.', 'Masuk untuk melihat proyek.'],
  cannotRead: [
    'Your role may write but not read views.',
    'Peran Anda boleh menulis tetapi tidak membaca tampilan.',
  ],
  live: ['Live', 'Langsung'],
  connecting: ['Connecting…', 'Menyambung…'],
  offline: ['Offline', 'Terputus'],
  paused: ['Paused (past view)', 'Dijeda (tampilan masa lalu)'],
  province: ['Province', 'Provinsi'],
  kind: ['Kind', 'Jenis'],
  stage: ['Stage', 'Tahap'],
  health: ['Health', 'Kondisi'],
  status: ['Status', 'Status'],
  search: ['Search', 'Cari'],
  all: ['All', 'Semua'],
  clearFilters: ['Clear filters', 'Hapus filter'],
  filters: ['Filters', 'Filter'],
  project: ['Project', 'Proyek'],
  nextMilestone: ['Next milestone', 'Tonggak berikutnya'],
  none: ['none', 'tidak ada'],
  byHealth: ['Projects by health', 'Proyek menurut kondisi'],
  shown: ['{n} of {total} projects', '{n} dari {total} proyek'],
  noProjects: ['No project matches.', 'Tidak ada proyek yang cocok.'],
  investment: ['Stated investment', 'Investasi yang dinyatakan'],
  investmentScope: [
    '{scope}; per currency, never converted',
    '{scope}; per mata uang, tanpa konversi',
  ],
  allProjects: ['all projects', 'semua proyek'],
  noInvestment: ['No investment stated.', 'Belum ada investasi yang dinyatakan.'],
  projectsCount: ['{n} project(s)', '{n} proyek'],
  timeTravel: ['Time travel', 'Perjalanan waktu'],
  knownAt: ['Known at', 'Diketahui pada'],
  knownAtHint: ['only entries recorded by then ({zone})', 'hanya catatan hingga saat itu ({zone})'],
  asOf: ['As of', 'Per tanggal'],
  asOfHint: ['due dates and health evaluated on this day', 'jatuh tempo dan kondisi per hari ini'],
  now: ['Back to now', 'Kembali ke sekarang'],
  nowWord: ['now', 'sekarang'],
  apply: ['Apply', 'Terapkan'],
  pastView: [
    'As known at {knownAt}; evaluated as of {asOf}.',
    'Sebagaimana diketahui pada {knownAt}; dievaluasi per {asOf}.',
  ],
  backToPortfolio: ['← Portfolio', '← Portofolio'],
  reasons: ['Why this health', 'Alasan kondisi ini'],
  timeline: ['Timeline', 'Linimasa'],
  milestones: ['Milestones', 'Tonggak'],
  facts: ['Stated facts', 'Fakta yang dinyatakan'],
  parties: ['Parties', 'Pihak'],
  conflicts: ['Source conflicts', 'Konflik sumber'],
  history: ['History (auditors)', 'Riwayat (auditor)'],
  sources: ['Sources', 'Sumber'],
  noneYet: ['None recorded.', 'Belum ada catatan.'],
  baseline: ['Baseline', 'Rencana awal'],
  target: ['Current target', 'Target saat ini'],
  achievedOn: ['Achieved', 'Tercapai'],
  today: ['Today', 'Hari ini'],
  drift: ['Drift', 'Pergeseran'],
  driftText: ['{days} days over {n} reschedule(s)', '{days} hari dalam {n} kali penjadwalan ulang'],
  slip: ['Slip', 'Selisih'],
  outOfOrder: ['out of order', 'tidak berurutan'],
  undated: ['undated', 'belum bertanggal'],
  days: ['{n} d', '{n} hr'],
  zone: ['Time zone', 'Zona waktu'],
  location: ['Location', 'Lokasi'],
  sectors: ['Sectors', 'Sektor'],
  due: ['Due', 'Jatuh tempo'],
  actions: ['Actions', 'Tindakan'],
  recordedAt: ['Recorded', 'Dicatat'],
  actor: ['By', 'Oleh'],
  entry: ['Entry', 'Entri'],
  retracted: ['retracted', 'ditarik'],
  claims: ['Claims', 'Klaim'],
  resolution: ['Resolution', 'Penyelesaian'],
  unresolved: ['unresolved', 'belum diselesaikan'],
  registerProject: ['Register project', 'Daftarkan proyek'],
  planMilestone: ['Plan milestone', 'Rencanakan tonggak'],
  achieve: ['Mark achieved', 'Tandai tercapai'],
  reschedule: ['Reschedule', 'Jadwalkan ulang'],
  cancelMilestone: ['Cancel milestone', 'Batalkan tonggak'],
  stateFact: ['State a fact', 'Nyatakan fakta'],
  retract: ['Retract entry', 'Tarik entri'],
  save: ['Save', 'Simpan'],
  close: ['Close', 'Tutup'],
  saving: ['Saving…', 'Menyimpan…'],
  saved: ['Saved.', 'Tersimpan.'],
  f_projectId: ['Project id (optional)', 'ID proyek (opsional)'],
  f_name: ['Name', 'Nama'],
  f_regency: ['Regency (optional)', 'Kabupaten (opsional)'],
  f_city: ['City (optional)', 'Kota (opsional)'],
  f_sectors: ['Sectors, comma-separated (optional)', 'Sektor, dipisah koma (opsional)'],
  f_milestoneId: ['Milestone id (optional)', 'ID tonggak (opsional)'],
  f_type: ['Type', 'Jenis'],
  f_title: ['Title (optional)', 'Judul (opsional)'],
  f_phase: ['Phase', 'Fase'],
  f_scope: ['Scope (optional, e.g. anchor:smelter)', 'Lingkup (opsional, mis. anchor:smelter)'],
  f_target: ['Target', 'Target'],
  f_achievedOn: ['Achieved on (optional)', 'Tercapai pada (opsional)'],
  f_on: ['Date', 'Tanggal'],
  f_venueTimeZone: ['Time zone of the venue', 'Zona waktu tempat'],
  f_reasonCode: ['Reason code', 'Kode alasan'],
  f_reason: ['Reason', 'Alasan'],
  f_reasonOptional: ['Explanation (optional)', 'Keterangan (opsional)'],
  f_outlet: ['Source outlet (optional)', 'Media sumber (opsional)'],
  f_url: ['Source URL (optional)', 'URL sumber (opsional)'],
  f_publishedOn: ['Published on, e.g. 2025-12-07 (optional)', 'Terbit, mis. 2025-12-07 (opsional)'],
  f_fact: ['Fact', 'Fakta'],
  f_factKind: ['Kind', 'Jenis'],
  f_amount: ['Amount (decimal)', 'Jumlah (desimal)'],
  f_low: ['or from (decimal)', 'atau dari (desimal)'],
  f_high: ['to (decimal)', 'sampai (desimal)'],
  f_currency: ['Currency (ISO 4217)', 'Mata uang (ISO 4217)'],
  f_count: ['Count', 'Jumlah'],
  f_comparator: ['Comparator', 'Pembanding'],
  f_text: ['As stated (optional)', 'Sesuai sumber (opsional)'],
  f_hectares: ['Hectares (decimal)', 'Hektare (desimal)'],
  f_areaScope: ['Area scope', 'Cakupan lahan'],
  f_eventId: ['Entry id', 'ID entri'],
  investmentFact: ['Investment', 'Investasi'],
  jobsFact: ['Jobs', 'Lapangan kerja'],
  areaFact: ['Area', 'Luas lahan'],
  dateHint: [
    'e.g. 4/12/2025, Kamis (4/12/2025), April 2026, triwulan pertama 2026, semester II 2025',
    'mis. 4/12/2025, Kamis (4/12/2025), April 2026, triwulan pertama 2026, semester II 2025',
  ],
  unreachable: [
    'The command service could not be reached, or it refused the token.',
    'Layanan perintah tidak dapat dihubungi, atau menolak token.',
  ],
  readOnly: [
    'This page is read-only: no command service is configured.',
    'Halaman ini hanya-baca: layanan perintah belum dikonfigurasi.',
  ],
  loadFailed: ['Could not load: {detail}', 'Gagal memuat: {detail}'],
  due_overdue: ['Overdue', 'Terlambat'],
  due_due_soon: ['Due soon', 'Segera jatuh tempo'],
  due_not_due: ['Not due yet', 'Belum jatuh tempo'],
  due_undated: ['Undated', 'Belum bertanggal'],
  ms_planned: ['Planned', 'Direncanakan'],
  ms_in_progress: ['In progress', 'Berjalan'],
  ms_achieved: ['Achieved', 'Tercapai'],
  ms_cancelled: ['Cancelled', 'Dibatalkan'],
  role_government: ['Government', 'Pemerintah'],
  role_investor: ['Investor', 'Investor'],
  role_developer: ['Developer', 'Pengembang'],
  role_operator: ['Operator', 'Pengelola'],
  role_partner: ['Partner', 'Mitra'],
  inv_committed: ['committed', 'komitmen'],
  inv_realised: ['realised', 'realisasi'],
  inv_target: ['target', 'target'],
  jobs_projected: ['projected jobs', 'proyeksi lapangan kerja'],
  jobs_actual: ['actual jobs', 'lapangan kerja aktual'],
  area_plot: ['plot', 'kaveling'],
  area_allocated: ['allocated', 'dialokasikan'],
  area_controlled: ['controlled', 'dikuasai'],
  reason_overdue: ['{label} was due by {date}.', '{label} seharusnya paling lambat {date}.'],
  reason_due_soon: ['{label} is due by {date}.', '{label} jatuh tempo paling lambat {date}.'],
  reason_drift: [
    '{label} has drifted {days} days over {n} reschedule(s).',
    '{label} bergeser {days} hari dalam {n} kali penjadwalan ulang.',
  ],
  reason_stalled: ['No new entry for {days} days.', 'Tidak ada catatan baru selama {days} hari.'],
  reason_on_track: ['Nothing overdue or at risk.', 'Tidak ada yang terlambat atau berisiko.'],
  reason_completed: ['Commercial operation achieved.', 'Sudah beroperasi komersial.'],
  reason_on_hold: ['The project is on hold.', 'Proyek ditunda.'],
  reason_cancelled: ['The project is cancelled.', 'Proyek dibatalkan.'],
} satisfies Record<string, readonly [string, string]>;

export type WordKey = keyof typeof words;

const LANG_KEY = 'kawasan.lang';
let current: Lang =
  localStorage.getItem(LANG_KEY) === 'en' || localStorage.getItem(LANG_KEY) === 'id'
    ? (localStorage.getItem(LANG_KEY) as Lang)
    : navigator.language.toLowerCase().startsWith('id')
      ? 'id'
      : 'en';

export const lang = (): Lang => current;
export function setLang(next: Lang): void {
  current = next;
  localStorage.setItem(LANG_KEY, next);
  document.documentElement.lang = next;
}

/** The page's own words, with {placeholders}. */
export function t(key: WordKey, vars: Record<string, string | number> = {}): string {
  const text = words[key][current === 'en' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Words keyed by a code (`due_overdue`), falling back to the code itself. */
export function tc(prefix: string, code: string): string {
  const key = `${prefix}_${code}`;
  return key in words ? t(key as WordKey) : code.replaceAll('_', ' ');
}

export const pick = (label: Label | undefined, fallback = ''): string =>
  label ? label[current] : fallback;

let vocabulary: Vocabulary | null = null;
export const setVocabulary = (v: Vocabulary): void => {
  vocabulary = v;
};
export function vocab(): Vocabulary {
  if (!vocabulary) throw new Error('vocabulary not loaded');
  return vocabulary;
}

export const kindLabel = (code: string): string => pick(vocab().kinds[code], code);
export const stageLabel = (code: string): string => pick(vocab().stages[code], code);
export const healthLabel = (code: string): string => pick(vocab().health[code], code);
export const reasonCodeLabel = (code: string): string => pick(vocab().reasonCodes[code], code);
export const typeLabel = (code: string): string => pick(vocab().milestoneTypes[code]?.label, code);
export const zoneName = (zone: string): string => vocab().zones[zone] ?? zone;
