import { randomUUID } from 'node:crypto';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  currentSchemaVersion,
  decide,
  evolve,
  initialState,
  projectKinds,
  provinces,
  type Command,
  type KnownMilestoneType,
  type ProjectKind,
  type ProjectState,
  type ReasonCode,
  type Source,
} from '@kawasan/domain';
import {
  chainEvents,
  type AppendResult,
  type EventStore,
  type EventToAppend,
} from '@kawasan/event-store';

/**
 * A large, realistic store for scale benchmarks: many projects across all 38 provinces (Java and
 * Sumatra heavy), of every kind, with milestones planned with fuzzy targets, some started and
 * achieved, about a third rescheduled with reason codes, stated facts, source conflicts, a few
 * status changes and ~1% retractions of earlier entries.
 *
 * Every event is what the command service would write: a valid command decided by `decide`
 * against the project's folded state, with the service's metadata (actor, recordedAt,
 * correlation/causation ids, sources), hash-chained with `chainEvents` and appended with the
 * expected revision. Each command decides exactly one event, so the total is exact.
 *
 * Speed: a pool of projects is open at a time; each turn every open project appends its next few
 * commands (one append per project) without awaiting, so the SQLite adapter's group commit puts
 * the whole turn in one transaction. Each project's ProjectState is evolved, never refolded, and
 * dropped when the project is done, so memory stays bounded by the pool. Streams interleave.
 */

/** Bump when the generated content changes, so a bench does not reuse an older store. */
export const SCALE_GENERATOR_VERSION = 1;

export interface ScaleStoreOptions {
  projects: number;
  /** Exactly this many events are written; at least 2 per project. */
  events: number;
  /** Seed of the deterministic choices (event ids and request ids stay random). Default 1. */
  seed?: number;
  /** recordedAt runs evenly from `start` to `end` over the log. */
  start?: Date;
  end?: Date;
  /** Projects open (interleaving) at a time. Default 4000. */
  pool?: number;
  /** Project ids are `<prefix>-<kind>-<province>-<n>`; default `sc`. */
  idPrefix?: string;
  /** Called after each stored turn with the events written so far. */
  onProgress?: (events: number) => void;
  /** Worker threads generating shards while this thread appends; 0 (default) runs all here. */
  workers?: number;
}

export interface ScaleSummary {
  readonly events: number;
  readonly projects: number;
  readonly byType: Record<string, number>;
  readonly byKind: Record<string, number>;
  readonly byProvince: Record<string, number>;
  readonly byReasonCode: Record<string, number>;
  readonly milestones: number;
  /** Milestones rescheduled at least once. */
  readonly rescheduledMilestones: number;
  readonly appends: number;
  readonly seconds: number;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

type Rng = () => number;

/** mulberry32: small, fast, good enough for picking. */
function rngOf(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const chance = (rng: Rng, p: number) => rng() < p;

function weighted<T>(entries: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const cumulative = entries.map(
    (
      (acc) =>
      ([, w]) =>
        (acc += w / total)
    )(0),
  );
  return (rng) => {
    const u = rng();
    const i = cumulative.findIndex((c) => u < c);
    return entries[i === -1 ? entries.length - 1 : i]![0];
  };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary of the generated world

/** Rough shares of industrial projects per province: Java and Sumatra heavy, every province present. */
const provinceWeights: Readonly<Record<string, number>> = {
  Aceh: 1.2,
  'Sumatera Utara': 5,
  'Sumatera Barat': 1.2,
  Riau: 4,
  'Kepulauan Riau': 5,
  Jambi: 1.2,
  'Sumatera Selatan': 3.5,
  'Kepulauan Bangka Belitung': 1.3,
  Bengkulu: 0.6,
  Lampung: 2.5,
  'DKI Jakarta': 3,
  'Jawa Barat': 14,
  Banten: 8,
  'Jawa Tengah': 11,
  'Daerah Istimewa Yogyakarta': 1,
  'Jawa Timur': 12,
  'Kalimantan Barat': 1.3,
  'Kalimantan Tengah': 1,
  Bali: 0.8,
  'Nusa Tenggara Barat': 0.9,
  'Nusa Tenggara Timur': 0.6,
  'Kalimantan Selatan': 1.3,
  'Kalimantan Timur': 3.5,
  'Kalimantan Utara': 1,
  'Sulawesi Utara': 0.9,
  Gorontalo: 0.4,
  'Sulawesi Tengah': 2.5,
  'Sulawesi Barat': 0.3,
  'Sulawesi Selatan': 2.2,
  'Sulawesi Tenggara': 1.5,
  Maluku: 0.4,
  'Maluku Utara': 1.5,
  Papua: 0.35,
  'Papua Barat': 0.45,
  'Papua Barat Daya': 0.3,
  'Papua Tengah': 0.25,
  'Papua Pegunungan': 0.1,
  'Papua Selatan': 0.2,
};
const provinceOf = weighted(provinces.map((p) => [p, provinceWeights[p.name] ?? 0.3] as const));

const kindOf = weighted<ProjectKind>([
  ['plant', 45],
  ['industrial_estate', 30],
  ['cooperation', 17],
  ['special_economic_zone', 8],
]);

const kindWords: Readonly<Record<ProjectKind, { slug: string; names: readonly string[] }>> = {
  industrial_estate: { slug: 'ki', names: ['Kawasan Industri', 'Kawasan Industri Terpadu'] },
  special_economic_zone: { slug: 'kek', names: ['Kawasan Ekonomi Khusus'] },
  plant: { slug: 'pabrik', names: ['Pabrik', 'Smelter', 'Pembangunan Pabrik'] },
  cooperation: { slug: 'ksd', names: ['Kerja Sama', 'Kemitraan Daerah'] },
};

const sectorsByKind: Readonly<Record<ProjectKind, readonly string[]>> = {
  industrial_estate: ['logistics', 'automotive', 'electronics', 'textile', 'food processing', 'chemicals'],
  special_economic_zone: ['tourism', 'nickel', 'petrochemical', 'logistics', 'digital', 'energy'],
  plant: ['nickel', 'smelter', 'battery', 'cement', 'palm oil', 'pulp and paper', 'copper', 'steel'],
  cooperation: ['infrastructure', 'energy', 'agro-industry', 'logistics', 'fisheries'],
}; // prettier-ignore

const milestonePaths: Readonly<Record<ProjectKind, readonly KnownMilestoneType[]>> = {
  industrial_estate: [
    'mou_signed', 'feasibility_study', 'spatial_conformity', 'land_designated', 'land_controlled',
    'env_approval', 'masterplan', 'estate_license', 'groundbreaking', 'tenant_land_agreement',
    'construction_completed', 'commercial_operation',
  ],
  special_economic_zone: [
    'feasibility_study', 'kek_proposed', 'spatial_conformity', 'land_controlled', 'env_approval',
    'masterplan', 'kek_designated', 'operator_designated', 'groundbreaking',
    'construction_completed', 'commercial_operation',
  ],
  plant: [
    'loi_signed', 'mou_signed', 'land_controlled', 'env_approval', 'groundbreaking',
    'construction_completed', 'commissioning', 'commercial_operation',
  ],
  cooperation: [
    'exploration_meeting', 'loi_signed', 'mou_signed', 'moa_signed', 'national_plan_listed',
    'feasibility_study',
  ],
}; // prettier-ignore

const outlets = [
  ['ANTARA', 'https://www.antaranews.com/berita/'],
  ['Kompas', 'https://money.kompas.com/read/'],
  ['Bisnis Indonesia', 'https://ekonomi.bisnis.com/read/'],
  ['Kontan', 'https://industri.kontan.co.id/news/'],
  ['CNBC Indonesia', 'https://www.cnbcindonesia.com/news/'],
  ['The Jakarta Post', 'https://www.thejakartapost.com/business/'],
  ['Tempo', 'https://bisnis.tempo.co/read/'],
  ['Kementerian Perindustrian', 'https://kemenperin.go.id/artikel/'],
  ['Kementerian Investasi/BKPM', 'https://www.bkpm.go.id/id/publikasi/'],
] as const;
const investors = [
  ['PT Sinar Mas Industri', 'ID'], ['Tsingshan Holding', 'CN'], ['Toyota Tsusho', 'JP'],
  ['LG Energy Solution', 'KR'], ['Sembcorp', 'SG'], ['PT Pertamina (Persero)', 'ID'],
  ['PT Kawasan Industri Jababeka', 'ID'], ['Hyundai Motor', 'KR'], ['CATL', 'CN'],
  ['PT Maspion', 'ID'], ['Itochu', 'JP'], ['PT Bukit Asam', 'ID'],
] as const; // prettier-ignore
const actors = Array.from({ length: 24 }, (_, i) => `analis-${String(i + 1).padStart(2, '0')}`);
const conflictFields = ['investment', 'jobs', 'area', 'groundbreaking date', 'operator'];

const idMonths = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember']; // prettier-ignore
const enMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']; // prettier-ignore
const ordinals = ['pertama', 'kedua', 'ketiga', 'keempat'];
const romans = ['I', 'II', 'III', 'IV'];
const pad2 = (n: number) => String(n).padStart(2, '0');

const reasonOf = weighted<ReasonCode>([
  ['land', 28],
  ['permit', 24],
  ['financing', 18],
  ['scope', 10],
  ['political', 5],
  ['force_majeure', 5],
  ['unstated', 10],
]);
const reasonTexts: Readonly<Record<ReasonCode, string>> = {
  permit: 'izin lingkungan belum terbit',
  land: 'pembebasan lahan belum selesai',
  financing: 'pendanaan investor tertunda',
  force_majeure: 'banjir di lokasi proyek',
  political: 'menunggu pergantian kepala daerah',
  scope: 'lingkup proyek diperluas',
  unstated: 'jadwal digeser',
};

const DAY = 86_400_000;

/** A day as one of the forms people type: 2025-12-04, 4 Desember 2025, December 4, 2025, 4/12/2025. */
function dayText(rng: Rng, at: Date): string {
  const [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  switch (int(rng, 0, 3)) {
    case 0:
      return `${y}-${pad2(m)}-${pad2(d)}`;
    case 1:
      return `${d} ${idMonths[m - 1]} ${y}`;
    case 2:
      return `${enMonths[m - 1]} ${d}, ${y}`;
    default:
      return `${d}/${m}/${y}`;
  }
}

const precisionOf = weighted<'day' | 'month' | 'quarter' | 'half' | 'year'>([
  ['day', 18],
  ['month', 30],
  ['quarter', 27],
  ['half', 10],
  ['year', 15],
]);

/** A fuzzy target around `at` at a random precision, in canonical, Indonesian or English form. */
function fuzzyText(rng: Rng, at: Date): string {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + 1;
  const q = Math.ceil(m / 3);
  const h = m <= 6 ? 1 : 2;
  switch (precisionOf(rng)) {
    case 'day':
      return dayText(rng, at);
    case 'month':
      return pick(rng, [`${y}-${pad2(m)}`, `${idMonths[m - 1]} ${y}`, `${enMonths[m - 1]} ${y}`]);
    case 'quarter':
      return pick(rng, [`${y}-Q${q}`, `Q${q} ${y}`, `triwulan ${ordinals[q - 1]} ${y}`, `kuartal ${romans[q - 1]}-${y}`]); // prettier-ignore
    case 'half':
      return pick(rng, [`${y}-H${h}`, `semester ${romans[h - 1]} ${y}`, `H${h} ${y}`]);
    default:
      return pick(rng, [`${y}`, `tahun ${y}`]);
  }
}

// ---------------------------------------------------------------------------------------------
// One project's script

/** A step decides exactly one event; references to earlier steps are resolved when it runs. */
type Step =
  | { readonly command: Command }
  | { readonly retract: Step; readonly reason: string }
  | { readonly resolve: Step; readonly resolution: string; readonly value?: string };

interface Script {
  readonly projectId: string;
  readonly kind: ProjectKind;
  readonly province: string;
  readonly steps: Step[];
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

function hex8(rng: Rng): string {
  return Math.floor(rng() * 0x100000000)
    .toString(16)
    .padStart(8, '0');
}

/**
 * The steps of project `index`, exactly `budget` long. `now` is when it is registered: achieved
 * milestones lie before it, open targets mostly after it (so older projects run overdue).
 */
function scriptOf(rng: Rng, index: number, budget: number, now: number, idPrefix: string): Script {
  // The first projects take each kind and province in turn, so every one appears at any size.
  const kind = index < projectKinds.length ? projectKinds[index]! : kindOf(rng);
  const province = index < provinces.length ? provinces[index]! : provinceOf(rng);
  const words = kindWords[kind];
  const projectId = `${idPrefix}-${words.slug}-${slug(province.name)}-${index.toString(36)}`;
  const place = province.name.replace(/^(Daerah Istimewa|Kepulauan|DKI) /, '');
  const sectors = sectorsByKind[kind];
  const register: Command = {
    type: 'RegisterProject',
    projectId,
    name: `${pick(rng, words.names)} ${place} ${index.toString(36).toUpperCase()}`,
    kind,
    location: {
      province: province.name,
      ...(chance(rng, 0.6) && { regency: `Kabupaten ${place} ${int(rng, 1, 9)}` }),
    },
    sectors: [...new Set(Array.from({ length: int(rng, 1, 3) }, () => pick(rng, sectors)))],
    ...(chance(rng, 0.5) && {
      parties: Array.from({ length: int(rng, 1, 2) }, (_, i) => {
        const [name, country] = pick(rng, investors);
        return { name, role: i === 0 ? ('investor' as const) : ('developer' as const), country };
      }),
    }),
  };
  let left = budget - 1;
  // Reserved tail: status changes; sprinkled: retractions and conflicts.
  const status: Step[] = [];
  if (left >= 4 && chance(rng, 0.05)) {
    status.push({
      command: { type: 'ChangeProjectStatus', projectId, to: 'on_hold', reason: 'menunggu kepastian pendanaan' }, // prettier-ignore
    });
    if (chance(rng, 0.35))
      status.push({
        command: { type: 'ChangeProjectStatus', projectId, to: 'active', reason: 'pendanaan diperoleh' }, // prettier-ignore
      });
  }
  if (left - status.length >= 4 && chance(rng, 0.02))
    status.push({
      command: { type: 'ChangeProjectStatus', projectId, to: 'cancelled', reason: 'investor menarik diri' }, // prettier-ignore
    });
  left -= status.length;
  let retractions = 0;
  for (let i = 0; i < left; i++) if (chance(rng, 0.011)) retractions++;
  retractions = Math.min(retractions, Math.floor(left / 3));
  left -= retractions;
  const conflicts = left >= 6 && chance(rng, 0.08) ? (chance(rng, 0.6) ? 2 : 1) : 0;
  left -= conflicts;
  const factCount = Math.min(left, Math.max(1, Math.round(left * (0.1 + rng() * 0.12))));
  left -= factCount;

  // Milestones along the kind's path (repeated for further phases), until the budget is spent.
  const path = milestonePaths[kind];
  const milestoneSteps: Step[] = [];
  const progress = rng(); // share of the path already achieved when the project is entered
  const perMilestone = 2.2; // plan + on average a little over one more event
  const expected = Math.max(1, Math.round(left / perMilestone));
  const achievedUpTo = Math.floor(progress * expected);
  for (let k = 0; left > 0; k++) {
    const type = path[k % path.length]!;
    const round = Math.floor(k / path.length);
    const milestoneId = `${type.replace(/_/g, '-')}-${hex8(rng)}`;
    const achieved = k < achievedUpTo;
    const current = k === achievedUpTo;
    // Achieved ones lie in the past, in path order; open ones ahead, later the further along.
    const when = achieved
      ? now - (achievedUpTo - k) * int(rng, 40, 200) * DAY
      : now + (k - achievedUpTo + (chance(rng, 0.3) ? -2 : 0)) * int(rng, 60, 300) * DAY;
    const steps: Command[] = [
      {
        type: 'PlanMilestone',
        projectId,
        milestoneId,
        milestoneType: type,
        ...(type === 'groundbreaking' || type === 'construction_completed'
          ? { phase: chance(rng, 0.5) ? ('start' as const) : ('point' as const) }
          : {}),
        ...(round > 0 && { scope: `tahap ${round + 1}` }),
        target: fuzzyText(rng, new Date(when - (achieved ? int(rng, 0, 120) * DAY : 0))),
      },
    ];
    if (chance(rng, 0.33)) {
      let target = when;
      for (let r = chance(rng, 0.25) ? 2 : 1; r > 0; r--) {
        target += int(rng, 60, 540) * DAY;
        const reasonCode = reasonOf(rng);
        steps.push({
          type: 'RescheduleMilestone',
          projectId,
          milestoneId,
          target: fuzzyText(rng, new Date(target)),
          reasonCode,
          ...(reasonCode !== 'unstated' && { reason: reasonTexts[reasonCode] }),
        });
      }
    }
    if (achieved || current) {
      if (chance(rng, achieved ? 0.3 : 0.7))
        steps.push({
          type: 'StartMilestone',
          projectId,
          milestoneId,
          on: dayText(rng, new Date(Math.min(when, now) - int(rng, 30, 200) * DAY)),
        });
      if (current || chance(rng, 0.2))
        for (let p = int(rng, 1, current ? 3 : 1); p > 0; p--) {
          const asOf = new Date(Math.min(when, now) - p * 30 * DAY);
          steps.push({
            type: 'ReportProgress',
            projectId,
            milestoneId,
            percent: int(rng, 1, 19) * 5,
            asOf: `${asOf.getUTCFullYear()}-${pad2(asOf.getUTCMonth() + 1)}`,
            ...(chance(rng, 0.3) && { verifiedBy: 'Dinas Perindustrian' }),
          });
        }
    }
    if (achieved)
      steps.push({ type: 'AchieveMilestone', projectId, milestoneId, on: dayText(rng, new Date(when)) }); // prettier-ignore
    else if (chance(rng, 0.03))
      steps.push({ type: 'CancelMilestone', projectId, milestoneId, reason: 'tidak lagi relevan' }); // prettier-ignore
    for (const command of steps.slice(0, left)) milestoneSteps.push({ command });
    left -= Math.min(left, steps.length);
  }

  // Facts and conflicts at random places among the milestone steps, after the registration.
  const body: Step[] = [...milestoneSteps];
  const insertAfter = (from: number, step: Step): number => {
    const at = int(rng, from, body.length);
    body.splice(at, 0, step);
    return at;
  };
  for (let f = 0; f < factCount; f++) insertAfter(0, { command: factCommand(rng, projectId, kind) }); // prettier-ignore
  if (conflicts > 0) {
    const field = pick(rng, conflictFields);
    const flag: Step = {
      command: {
        type: 'FlagSourceConflict',
        projectId,
        field,
        claims: [
          { value: String(int(rng, 5, 90) * 100), source: pick(rng, outlets)[0] },
          { value: String(int(rng, 5, 90) * 100), source: pick(rng, outlets)[0] },
        ],
      },
    };
    const at = insertAfter(0, flag);
    if (conflicts > 1)
      insertAfter(at + 1, {
        resolve: flag,
        resolution: 'dikonfirmasi ke pengelola kawasan',
        value: String(int(rng, 5, 90) * 100),
      });
  }
  const steps: Step[] = [{ command: register }, ...body];
  // Retractions: of a fact, a progress report or a reschedule, some steps after it.
  const retractable = (s: Step) =>
    'command' in s &&
    (s.command.type === 'StateFact' ||
      s.command.type === 'ReportProgress' ||
      s.command.type === 'RescheduleMilestone');
  const targets = steps.filter(retractable);
  const retractSteps: Step[] = [];
  for (let r = 0; r < retractions && targets.length > 0; r++) {
    const target = targets.splice(Math.floor(rng() * targets.length), 1)[0]!;
    const step: Step = { retract: target, reason: 'salah input; sumber dikoreksi' };
    steps.splice(int(rng, steps.indexOf(target) + 1, steps.length), 0, step);
    retractSteps.push(step);
  }
  // Whatever retraction found no target becomes one more fact, so the budget stays exact.
  for (let r = retractSteps.length; r < retractions; r++)
    steps.push({ command: factCommand(rng, projectId, kind) });
  steps.push(...status);
  return { projectId, kind, province: province.name, steps };
}

function factCommand(rng: Rng, projectId: string, kind: ProjectKind): Command {
  const which = rng();
  if (which < 0.5) {
    const usd = kind === 'plant' || chance(rng, 0.5);
    const amount = usd ? String(int(rng, 5, 5000) * 1_000_000) : String(int(rng, 1, 900) * 1e11);
    return {
      type: 'StateFact',
      projectId,
      fact: chance(rng, 0.15)
        ? {
            fact: 'investment',
            kind: 'target',
            low: amount,
            high: String(Number(amount) * 2),
            currency: usd ? 'USD' : 'IDR',
          }
        : {
            fact: 'investment',
            kind: pick(rng, ['committed', 'committed', 'realised'] as const),
            amount,
            currency: usd ? 'USD' : 'IDR',
          },
    };
  }
  if (which < 0.85)
    return {
      type: 'StateFact',
      projectId,
      fact: {
        fact: 'jobs',
        kind: chance(rng, 0.75) ? 'projected' : 'actual',
        count: int(rng, 1, 400) * 50,
        ...(chance(rng, 0.3) && { comparator: pick(rng, ['>', '~'] as const) }),
      },
    };
  return {
    type: 'StateFact',
    projectId,
    fact: {
      fact: 'area',
      hectares: `${int(rng, 5, 4000)}${chance(rng, 0.3) ? `.${int(rng, 1, 9)}` : ''}`,
      scope: pick(rng, ['plot', 'allocated', 'controlled'] as const),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

interface Writer {
  readonly script: Script;
  readonly stream: string;
  next: number;
  state: ProjectState;
  revision: bigint | null;
  hash: string | null;
  /** Event id of each step run so far, for retractions. */
  readonly eventIds: Map<Step, string>;
  /** Conflict id decided by each flag step. */
  readonly conflictIds: Map<Step, string>;
  /** Milestones rescheduled at least once. */
  readonly rescheduled: Set<string>;
}

/** Per-project event counts: skewed (a few long streams, many short), at least 2, summing to `events`. */
function budgetsOf(rng: Rng, projects: number, events: number): Int32Array {
  const min = 2;
  if (events < min * projects)
    throw new RangeError(`need at least ${min} events per project (${min * projects})`);
  const raw = Float64Array.from({ length: projects }, () => -Math.log(1 - rng()) + 0.35);
  const total = raw.reduce((a, b) => a + b, 0);
  const spare = events - min * projects;
  const budgets = Int32Array.from(raw, (r) => min + Math.floor((r / total) * spare));
  let missing = events - budgets.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % projects, missing--) budgets[i]!++;
  return budgets;
}

function commandOf(w: Writer, step: Step): Command {
  const { projectId } = w.script;
  if ('command' in step) return step.command;
  if ('retract' in step)
    return { type: 'RetractEntry', projectId, eventId: w.eventIds.get(step.retract)!, reason: step.reason }; // prettier-ignore
  return {
    type: 'ResolveSourceConflict',
    projectId,
    conflictId: w.conflictIds.get(step.resolve)!,
    resolution: step.resolution,
    ...(step.value !== undefined && { value: step.value }),
  };
}

function sourcesOf(rng: Rng, at: number): Source[] {
  const u = rng();
  if (u < 0.2) return [];
  return Array.from({ length: u < 0.9 ? 1 : 2 }, () => {
    const [outlet, url] = pick(rng, outlets);
    const published = new Date(at - int(rng, 0, 10) * DAY).toISOString().slice(0, 10);
    return { outlet, url: `${url}${int(rng, 100000, 999999)}`, publishedOn: published };
  });
}

const increment = (counts: Record<string, number>, key: string) => {
  counts[key] = (counts[key] ?? 0) + 1;
};

/** One turn of one shard: an append per open project, all issued together. */
export interface ScaleTurn {
  readonly appends: {
    readonly stream: string;
    readonly expectedRevision: bigint | 'no_stream';
    readonly events: EventToAppend[];
  }[];
}

type Counts = Omit<ScaleSummary, 'seconds' | 'projects'>;

/** What a shard is given: the options (no callbacks) and which projects are its own. */
export interface ShardSpec {
  readonly options: Omit<ScaleStoreOptions, 'onProgress' | 'workers'>;
  readonly shard: number;
  readonly shards: number;
}

/**
 * Generates shard `shard` of `shards`: the projects whose index is `shard` modulo `shards`, with
 * its own random stream and clock. `emit` is called per turn and awaited before the next one.
 */
export async function runShard(
  spec: ShardSpec,
  emit: (turn: ScaleTurn) => Promise<void> | void,
): Promise<Counts> {
  const { options, shard, shards } = spec;
  const { projects, events } = options;
  const seed = options.seed ?? 1;
  // Budgets come from the shared seed, so every shard agrees on them.
  const budgets = budgetsOf(rngOf(seed), projects, events);
  const rng = rngOf(seed * 7919 + shard + 1);
  let own = 0;
  for (let i = shard; i < projects; i += shards) own += budgets[i]!;
  const start = (options.start ?? new Date('2019-01-01T00:00:00Z')).getTime();
  const end = (options.end ?? new Date('2026-06-30T00:00:00Z')).getTime();
  const step = Math.max(1, Math.floor((end - start) / Math.max(1, own)));
  const poolSize = Math.ceil(Math.min(options.pool ?? 4000, projects) / shards);
  const idPrefix = options.idPrefix ?? 'sc';
  let clock = start;

  const byType: Record<string, number> = {};
  const byKind: Record<string, number> = {};
  const byProvince: Record<string, number> = {};
  const byReasonCode: Record<string, number> = {};
  let milestones = 0;
  let rescheduled = 0;
  let written = 0;
  let appends = 0;

  const open = (index: number): Writer => {
    const script = scriptOf(rng, index, budgets[index]!, clock, idPrefix);
    increment(byKind, script.kind);
    increment(byProvince, script.province);
    return {
      script,
      stream: `project-${script.projectId}`,
      next: 0,
      state: initialState,
      revision: null,
      hash: null,
      eventIds: new Map(),
      conflictIds: new Map(),
      rescheduled: new Set(),
    };
  };

  /** Runs the writer's next `count` steps into one chained batch. */
  const runSteps = (w: Writer, count: number) => {
    const batch: EventToAppend[] = [];
    for (let c = 0; c < count && w.next < w.script.steps.length; c++, w.next++) {
      const current = w.script.steps[w.next]!;
      const command = commandOf(w, current);
      const decided = decide(command, w.state, { newId: (kind) => `${kind}-${randomUUID()}` });
      if (decided.length !== 1) throw new Error(`${command.type} decided ${decided.length} events`);
      const event = decided[0]!;
      clock += step;
      const requestId = randomUUID();
      const metadata = {
        schemaVersion: currentSchemaVersion,
        actor: pick(rng, actors),
        recordedAt: new Date(clock).toISOString(),
        correlationId: requestId,
        causationId: requestId,
        sources: sourcesOf(rng, clock),
      };
      const [chained] = chainEvents(w.stream, w.revision, w.hash, [
        { id: randomUUID(), type: event.type, data: event.data, metadata },
      ]);
      w.state = evolve(w.state, { ...event, eventId: chained!.id });
      w.revision = (w.revision ?? -1n) + 1n;
      w.hash = chained!.metadata['hash'] as string;
      w.eventIds.set(current, chained!.id);
      if (event.type === 'SourceConflictFlagged') w.conflictIds.set(current, event.data.conflictId);
      if (event.type === 'MilestonePlanned') milestones++;
      if (event.type === 'MilestoneRescheduled') {
        increment(byReasonCode, event.data.reasonCode);
        if (!w.rescheduled.has(event.data.milestoneId)) {
          w.rescheduled.add(event.data.milestoneId);
          rescheduled++;
        }
      }
      increment(byType, event.type);
      batch.push(chained!);
    }
    return batch;
  };

  const pool: Writer[] = [];
  let nextProject = shard;
  while (pool.length > 0 || nextProject < projects) {
    for (; pool.length < poolSize && nextProject < projects; nextProject += shards)
      pool.push(open(nextProject));
    const turn: ScaleTurn['appends'] = [];
    for (let i = 0; i < pool.length;) {
      const w = pool[i]!;
      const expectedRevision = w.revision ?? ('no_stream' as const);
      const batch = runSteps(w, int(rng, 1, 4));
      turn.push({ stream: w.stream, expectedRevision, events: batch });
      written += batch.length;
      appends++;
      if (w.next >= w.script.steps.length) {
        pool[i] = pool[pool.length - 1]!;
        pool.pop();
      } else i++;
    }
    await emit({ appends: turn });
  }
  if (written !== own) throw new Error(`shard ${shard} wrote ${written} events, meant ${own}`);
  return {
    events: written,
    byType,
    byKind,
    byProvince,
    byReasonCode,
    milestones,
    rescheduledMilestones: rescheduled,
    appends,
  };
}

/** Issues every append of a turn in the same tick, so group commit makes it one transaction. */
const appendTurn = (store: EventStore, turn: ScaleTurn): Promise<AppendResult[]> =>
  Promise.all(
    turn.appends.map((a) =>
      store.append(a.stream, a.events, { expectedRevision: a.expectedRevision }),
    ),
  );

/** A shard in a worker thread: turns come in as messages, each acknowledged once stored. */
function runShardInWorker(
  store: EventStore,
  spec: ShardSpec,
  onTurn: (events: number) => void,
): Promise<Counts> {
  const here = fileURLToPath(import.meta.url);
  const file = join(dirname(here), `scaleWorker${extname(here)}`);
  const worker = new Worker(file, { workerData: spec });
  return new Promise<Counts>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker.on('message', (message: { turn: ScaleTurn } | { done: Counts }) => {
      if ('done' in message) {
        failed = true; // settled: its exit is expected
        resolve(message.done);
        void worker.terminate();
        return;
      }
      appendTurn(store, message.turn).then(() => {
        onTurn(message.turn.appends.reduce((n, a) => n + a.events.length, 0));
        worker.postMessage('ack');
      }, fail);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`scale generator worker exited with ${code}`));
    });
  });
}

const merge = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};

/**
 * Writes the store described by `options` into an empty `store`; see the module comment. With
 * `workers` > 0 the projects are split into that many shards generated in worker threads (each
 * with its own clock, so recordedAt is monotonic per stream and nearly so across the log) while
 * this thread appends; with 0 (the default) everything runs here.
 */
export async function generateScaleStore(
  store: EventStore,
  options: ScaleStoreOptions,
): Promise<ScaleSummary> {
  const started = performance.now();
  if ((await store.headPosition()) !== 0n) throw new Error('the store already holds events');
  const { onProgress, workers = 0, ...rest } = options;
  let written = 0;
  const progress = (events: number) => {
    written += events;
    onProgress?.(written);
  };
  const shards = Math.max(1, workers);
  const results =
    workers === 0
      ? [
          await runShard({ options: rest, shard: 0, shards: 1 }, async (turn) => {
            await appendTurn(store, turn);
            progress(turn.appends.reduce((n, a) => n + a.events.length, 0));
          }),
        ]
      : await Promise.all(
          Array.from({ length: shards }, (_, shard) =>
            runShardInWorker(store, { options: rest, shard, shards }, progress),
          ),
        );
  const total = {
    events: 0,
    byType: {},
    byKind: {},
    byProvince: {},
    byReasonCode: {},
    milestones: 0,
    rescheduledMilestones: 0,
    appends: 0,
  };
  for (const r of results) {
    total.events += r.events;
    total.milestones += r.milestones;
    total.rescheduledMilestones += r.rescheduledMilestones;
    total.appends += r.appends;
    merge(total.byType, r.byType);
    merge(total.byKind, r.byKind);
    merge(total.byProvince, r.byProvince);
    merge(total.byReasonCode, r.byReasonCode);
  }
  if (total.events !== options.events)
    throw new Error(`wrote ${total.events} events, meant ${options.events}`);
  return { ...total, projects: options.projects, seconds: (performance.now() - started) / 1000 };
}
