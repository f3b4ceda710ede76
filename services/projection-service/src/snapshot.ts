import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HistoryEntry, LogEntry } from '@kawasan/projections';

/**
 * The projection's checkpoint: the position it has folded up to, with the entries behind the
 * views, so a restart resumes from the checkpoint instead of replaying the log from zero.
 */
export interface Snapshot {
  readonly position: bigint;
  readonly entries: LogEntry[];
}

const FORMAT = 1;

interface SnapshotFile {
  format: number;
  position: string;
  entries: {
    stream: string;
    revision: string;
    position: string;
    id: string;
    type: string;
    data: unknown;
    metadata: Record<string, unknown>;
  }[];
}

const logEntryOf = (h: HistoryEntry): LogEntry => ({
  stream: `project-${h.projectId}`,
  revision: h.revision,
  position: h.position,
  id: h.eventId,
  type: h.event.type,
  data: h.event.data,
  metadata: h.metadata,
});

/** Written to a temp file, fsynced, then renamed: a crash leaves the old snapshot or the new one. */
export async function writeSnapshot(
  file: string,
  position: bigint,
  histories: Iterable<readonly HistoryEntry[]>,
): Promise<void> {
  const entries: SnapshotFile['entries'] = [];
  for (const history of histories)
    for (const h of history) {
      const e = logEntryOf(h);
      entries.push({ ...e, revision: e.revision.toString(), position: e.position.toString() });
    }
  entries.sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1));
  const body: SnapshotFile = { format: FORMAT, position: position.toString(), entries };
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(body));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** Null when there is no snapshot or it is unreadable (then the projection replays from zero). */
export async function readSnapshot(file: string): Promise<Snapshot | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(text) as SnapshotFile;
    if (parsed.format !== FORMAT) return null;
    return {
      position: BigInt(parsed.position),
      entries: parsed.entries.map((e) => ({
        ...e,
        revision: BigInt(e.revision),
        position: BigInt(e.position),
      })),
    };
  } catch {
    return null;
  }
}
