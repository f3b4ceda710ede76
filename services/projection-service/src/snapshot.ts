import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import {
  decodeProjectRecord,
  encodeProjectRecord,
  type EncodedProjectRecord,
  type ProjectRecord,
} from '@kawasan/projections';

/**
 * The projection's snapshot: every project's fold with the position the views had reached, so a
 * restart loads folds instead of replaying the log. JSON lines, one project per line, so neither
 * writing nor reading ever holds the whole file as one string (100k projects are ~300 MB).
 *
 *   {"format":2,"position":"…"}            header
 *   {"projectId":…,"model":…}              one line per project
 *   {"end":true,"projects":N}              trailer: a file without it is incomplete
 */
export interface Snapshot {
  readonly position: bigint;
  readonly records: ProjectRecord[];
}

const FORMAT = 2;
/** Lines per write, and a turn of the event loop between writes so reads keep being served. */
const CHUNK = 500;
/**
 * …or fewer when encoding them takes longer than this: a busy project's line costs tens of
 * microseconds, and a request waiting behind 500 of them would wait tens of milliseconds.
 */
const SLICE_MS = 4;

const turn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Written to a temp file, fsynced, then renamed: a crash leaves the old snapshot or the new one.
 * The records may be read over several turns while new events are folded: each project's line
 * is at least as new as the header's position, and a restored model skips what it already has.
 */
export async function writeSnapshot(
  file: string,
  position: bigint,
  records: Iterable<ProjectRecord>,
): Promise<number> {
  await mkdir(dirname(file), { recursive: true });
  // One name, so a write cut short by a stop is overwritten by the next one, never left behind.
  const temp = `${file}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  let projects = 0;
  try {
    let chunk = [JSON.stringify({ format: FORMAT, position: position.toString() })];
    let sliceStart = performance.now();
    for (const record of records) {
      chunk.push(JSON.stringify(encodeProjectRecord(record)));
      projects++;
      if (chunk.length >= CHUNK || performance.now() - sliceStart > SLICE_MS) {
        await handle.write(chunk.join('\n') + '\n');
        chunk = [];
        await turn();
        sliceStart = performance.now();
      }
    }
    chunk.push(JSON.stringify({ end: true, projects }));
    await handle.write(chunk.join('\n') + '\n');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, file);
  return projects;
}

/** Null when there is no snapshot or it is unreadable or incomplete (the projection replays). */
export async function readSnapshot(file: string): Promise<Snapshot | null> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let position: bigint | null = null;
  const records: ProjectRecord[] = [];
  try {
    for await (const line of lines) {
      const parsed = JSON.parse(line) as
        | { format: number; position: string }
        | { end: true; projects: number }
        | EncodedProjectRecord;
      if (position === null) {
        if (!('format' in parsed) || parsed.format !== FORMAT) return null;
        position = BigInt(parsed.position);
      } else if ('end' in parsed) {
        return parsed.projects === records.length ? { position, records } : null;
      } else records.push(decodeProjectRecord(parsed as EncodedProjectRecord));
    }
  } catch {
    return null;
  } finally {
    lines.close();
  }
  return null;
}
