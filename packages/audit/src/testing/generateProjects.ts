import { randomUUID } from 'node:crypto';
import {
  currentSchemaVersion,
  decide,
  evolve,
  initialState,
  type Command,
  type MilestoneType,
  type ProjectState,
} from '@kawasan/domain';
import { chainEvents, type EventStore } from '@kawasan/event-store';

const provinces = [
  'Kalimantan Timur',
  'Kepulauan Bangka Belitung',
  'Jawa Tengah',
  'Nusa Tenggara Barat',
  'Sulawesi Tengah',
  'Riau',
];
const milestoneTypes: MilestoneType[] = [
  'mou_signed',
  'feasibility_study',
  'env_approval',
  'masterplan',
  'land_controlled',
];
const months = ['Januari', 'Maret', 'Mei', 'Juli', 'September', 'November'];

/** The commands of one project, in the order a manager would plausibly send them. */
function* projectCommands(projectId: string, index: number): Generator<Command> {
  yield {
    type: 'RegisterProject',
    projectId,
    name: `Kawasan Industri Contoh ${index}`,
    kind: index % 3 === 0 ? 'special_economic_zone' : 'industrial_estate',
    location: { province: provinces[index % provinces.length]! },
    sectors: ['nickel', 'logistics'],
  };
  yield {
    type: 'StateFact',
    projectId,
    fact: {
      fact: 'investment',
      kind: 'committed',
      amount: `${(index % 40) + 1}00000000`,
      currency: 'USD',
    },
  };
  for (let k = 0; ; k++) {
    const milestoneId = `m-${k}`;
    const year = 2025 + (k % 4);
    yield {
      type: 'PlanMilestone',
      projectId,
      milestoneId,
      milestoneType: milestoneTypes[k % milestoneTypes.length]!,
      phase: 'start',
      scope: `zone ${k}`,
      target: `${months[k % months.length]} ${year}`,
    };
    yield {
      type: 'RescheduleMilestone',
      projectId,
      milestoneId,
      target: `triwulan ${k % 2 === 0 ? 'ketiga' : 'keempat'} ${year + 1}`,
      reasonCode: k % 2 === 0 ? 'land' : 'permit',
      reason: 'lahan belum dibebaskan',
    };
    yield { type: 'ReportProgress', projectId, milestoneId, percent: 40, asOf: `${year}-06` };
    yield { type: 'AchieveMilestone', projectId, milestoneId, on: `${year + 1}-10-15` };
    yield {
      type: 'FlagSourceConflict',
      projectId,
      field: `jobs zone ${k}`,
      claims: [
        { value: '1200', source: 'ANTARA' },
        { value: '1500', source: 'Kompas' },
      ],
    };
  }
}

interface Writer {
  readonly stream: string;
  readonly commands: Generator<Command>;
  state: ProjectState;
  revision: bigint | null;
  hash: string | null;
}

/**
 * Appends realistic project streams through the port: domain commands decided against the folded
 * state, hash-chained and appended with the expected revision, as the command service does.
 * Projects take turns (`commandsPerTurn` commands each, in one append), so streams interleave in
 * the log. `recordedAt` advances by one second per command from `start`.
 */
export async function generateProjects(
  store: EventStore,
  options: {
    projects: number;
    commandsPerProject: number;
    commandsPerTurn?: number;
    start?: Date;
    idPrefix?: string;
  },
): Promise<{ events: number; projectIds: string[] }> {
  const perTurn = options.commandsPerTurn ?? 1;
  let clock = (options.start ?? new Date('2026-01-01T00:00:00Z')).getTime();
  const writers: Writer[] = Array.from({ length: options.projects }, (_, i) => {
    const projectId = `${options.idPrefix ?? 'gen'}-${String(i).padStart(5, '0')}`;
    return {
      stream: `project-${projectId}`,
      commands: projectCommands(projectId, i),
      state: initialState,
      revision: null,
      hash: null,
    };
  });
  let events = 0;
  for (let sent = 0; sent < options.commandsPerProject; sent += perTurn) {
    for (const w of writers) {
      const batch = [];
      for (let c = 0; c < perTurn && sent + c < options.commandsPerProject; c++) {
        const command = w.commands.next().value as Command;
        const decided = decide(command, w.state, { newId: (kind) => `${kind}-${randomUUID()}` });
        const metadata = {
          schemaVersion: currentSchemaVersion,
          actor: 'generator',
          recordedAt: new Date((clock += 1000)).toISOString(),
          correlationId: randomUUID(),
          causationId: randomUUID(),
          sources: [{ outlet: 'ANTARA', url: 'https://www.antaranews.com/' }],
        };
        const chained = chainEvents(
          w.stream,
          w.revision,
          w.hash,
          decided.map((e) => ({ id: randomUUID(), type: e.type, data: e.data, metadata })),
        );
        for (const [i, e] of chained.entries()) {
          w.state = evolve(w.state, { ...decided[i]!, eventId: e.id });
          w.revision = (w.revision ?? -1n) + 1n;
          w.hash = e.metadata['hash'] as string;
        }
        batch.push(...chained);
      }
      if (batch.length === 0) continue;
      const first = w.revision! - BigInt(batch.length) + 1n;
      await store.append(w.stream, batch, {
        expectedRevision: first === 0n ? 'no_stream' : first - 1n,
      });
      events += batch.length;
    }
  }
  return { events, projectIds: writers.map((w) => w.stream.slice('project-'.length)) };
}
