import type { EventStore, EventToAppend, RecordedEvent } from '@kawasan/event-store';
import { z } from 'zod';
import { isProjectStream, streamOfProject } from './projectStreams.js';
import { StreamChain } from './streamChain.js';
import { describeBreak, type VerifyFailure } from './verifyStore.js';

/**
 * One line of a JSON Lines export: every field of a recorded event, revisions and positions as
 * decimal strings. `created` is the source store's commit time; an import cannot set it (the
 * target store stamps its own), and nothing hashed depends on it.
 */
export interface ExportedEvent {
  stream: string;
  revision: string;
  position: string;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  created: string;
}

export const exportLine = (e: RecordedEvent): string =>
  `${JSON.stringify({
    stream: e.stream,
    revision: e.revision.toString(),
    position: e.position.toString(),
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
    created: e.created,
  } satisfies ExportedEvent)}\n`;

/**
 * The log as JSON Lines, in commit order, one line per event as it is read (constant memory).
 * With a project id, that project's stream only.
 */
export async function* exportJsonl(
  store: EventStore,
  options: { projectId?: string | undefined } = {},
): AsyncGenerator<string, void, undefined> {
  const events =
    options.projectId === undefined
      ? store.readAll()
      : store.readStream(streamOfProject(options.projectId));
  for await (const event of events) yield exportLine(event);
}

const decimal = z.string().regex(/^\d{1,20}$/);
const lineSchema = z.object({
  stream: z.string().min(1),
  revision: decimal,
  position: decimal.optional(),
  id: z.string().min(1),
  type: z.string().min(1),
  data: z.unknown(),
  metadata: z.record(z.string(), z.unknown()),
});

/** The file cannot be imported as it stands; nothing after `line` was written. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
    this.name = 'ImportError';
  }
}

export interface ImportSummary {
  readonly events: number;
  readonly streams: number;
  /** Head position of the target store after the import. */
  readonly position: string;
  /** Chains that were already broken in the file (imported as they are, as evidence). */
  readonly failures: VerifyFailure[];
}

interface Batch {
  stream: string;
  firstRevision: bigint;
  events: EventToAppend[];
  firstLine: number;
}

function parseLine(text: string, line: number): z.infer<typeof lineSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError('not JSON', line);
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success)
    throw new ImportError(
      `not an exported event (${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')})`,
      line,
    );
  return parsed.data;
}

/**
 * Re-imports a JSON Lines export into an EMPTY store: each stream is appended with the original
 * ids, types, data and metadata at the original revisions (the expected revision comes from the
 * file), so every hash recomputes as before. Consecutive events of a stream are appended in one
 * batch; the file is read line by line. Refuses a store that already holds events.
 */
export async function importJsonl(
  store: EventStore,
  lines: AsyncIterable<string>,
  options: { batchSize?: number } = {},
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 256;
  const head = await store.headPosition();
  if (head !== 0n)
    throw new ImportError(
      `the store is not empty (head position ${head}); import needs an empty store`,
      null,
    );
  const streams = new Set<string>();
  const chains = new Map<string, StreamChain>();
  let events = 0;
  let batch: Batch | null = null;

  const flush = async () => {
    if (!batch) return;
    const { stream, firstRevision, firstLine } = batch;
    const expectedRevision = firstRevision === 0n ? 'no_stream' : firstRevision - 1n;
    try {
      await store.append(stream, batch.events, { expectedRevision });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new ImportError(
        `appending ${stream} from revision ${firstRevision}: ${why}`,
        firstLine,
      );
    }
    events += batch.events.length;
    batch = null;
  };

  let line = 0;
  for await (const raw of lines) {
    line++;
    if (raw.trim() === '') continue;
    const e = parseLine(raw, line);
    const revision = BigInt(e.revision);
    streams.add(e.stream);
    if (isProjectStream(e.stream)) {
      let chain = chains.get(e.stream);
      if (!chain) chains.set(e.stream, (chain = new StreamChain(e.stream)));
      // The line number stands in for the position: the file is in commit order.
      chain.push({ ...e, revision, position: BigInt(line), created: '' });
    }
    const follows =
      batch !== null &&
      batch.stream === e.stream &&
      batch.firstRevision + BigInt(batch.events.length) === revision &&
      batch.events.length < batchSize;
    if (!follows) {
      await flush();
      batch = { stream: e.stream, firstRevision: revision, events: [], firstLine: line };
    }
    batch!.events.push({ id: e.id, type: e.type, data: e.data, metadata: e.metadata });
  }
  await flush();
  const failures = [...chains.values()].flatMap((c) => (c.broken ? [describeBreak(c.broken)] : []));
  return {
    events,
    streams: streams.size,
    position: (await store.headPosition()).toString(),
    failures,
  };
}
