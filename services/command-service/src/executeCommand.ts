import {
  currentSchemaVersion,
  decide,
  type Command,
  type DomainEvent,
  type ProjectState,
  type Source,
} from '@kawasan/domain';
import {
  chainEvents,
  DuplicateEventIdError,
  WrongExpectedRevisionError,
  type EventStore,
} from '@kawasan/event-store';
import { assertCanWriteProvince, HttpProblem, type Principal } from '@kawasan/http';
import type { CommandMetrics } from './commandMetrics.js';
import { replyFor, type CommandReply } from './commandReply.js';
import { keyReused, priorReply, type Idempotency } from './idempotency.js';
import type { IdSource } from './ids.js';
import { readProjectStream, StreamCache, streamOf } from './projectStream.js';

export interface WriteDeps {
  readonly store: EventStore;
  readonly clock: () => Date;
  readonly metrics: CommandMetrics;
  /** How often a conflicting append is re-read and re-decided before giving up with 409. */
  readonly maxAttempts: number;
  /** Milliseconds to wait before attempt `attempt + 1`. */
  readonly retryDelay: (attempt: number) => number;
  /** What the service already read of each stream (see StreamCache). */
  readonly streams: StreamCache;
}

/**
 * Random, growing pauses between attempts (up to 20, 40, 80, 160 ms): writers that collided
 * once spread out instead of colliding again in lockstep.
 */
export const jitteredBackoff = (attempt: number): number => Math.random() * 10 * 2 ** attempt;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CommandRequest {
  readonly command: Command;
  readonly principal: Principal;
  readonly sources: readonly Source[];
  readonly ids: IdSource;
  readonly idempotency: Idempotency | undefined;
  /** The revision named by If-Match, when the caller sent one. */
  readonly ifMatch: bigint | undefined;
  readonly correlationId: string;
  readonly causationId: string;
}

export interface CommandOutcome {
  /** 201 for a new write, 200 for an idempotent replay. */
  readonly status: 200 | 201;
  readonly reply: CommandReply;
}

const stale = (current: bigint | null) =>
  new HttpProblem(
    412,
    'revision_mismatch',
    `If-Match names a revision the project is no longer at (now ${current === null ? 'none' : current.toString()}); read it again`,
    current === null ? {} : { headers: { etag: `"${current.toString()}"` } },
  );

/** Provinces a command writes in: the project's, and a new one when it moves or is registered. */
function provincesTouched(command: Command, state: ProjectState): (string | null)[] {
  if (command.type === 'RegisterProject') return [command.location.province];
  if (!state.exists) return []; // unknown project: decide answers 404
  if (command.type === 'ReviseProjectDetails' && command.location !== undefined)
    return [state.province, command.location.province];
  return [state.province];
}

/**
 * The write path (architecture.md): read and fold the stream, check scope, replay an earlier
 * reply for the same idempotency key, check If-Match, decide, hash-chain and append with the
 * revision read as the expected revision. A concurrent append without If-Match is retried from
 * the read; with If-Match it is 412. Nothing is written unless every check passed.
 */
export function executeCommand(deps: WriteDeps, request: CommandRequest): Promise<CommandOutcome> {
  // Commands this instance serves on one project take turns; other writers are caught by the
  // append's expected revision and retried below.
  return deps.streams.turns.run(streamOf(request.command.projectId), () =>
    decideAndAppend(deps, request),
  );
}

async function decideAndAppend(deps: WriteDeps, request: CommandRequest): Promise<CommandOutcome> {
  const { command, principal, idempotency, ifMatch } = request;
  const { projectId } = command;
  // The first attempt decides on what the service already knows of the stream without reading
  // the store; the expected revision of the append catches anything it missed. Before refusing
  // anything, it reads afresh: another instance may have written what makes the command valid.
  let fresh = false;
  for (let attempt = 1; ; attempt++) {
    const stream = await readProjectStream(deps.store, projectId, deps.streams, {
      trustCache: !fresh,
    });
    let events: ReturnType<typeof chainEvents>;
    let decided: DomainEvent[];
    try {
      for (const province of provincesTouched(command, stream.state))
        assertCanWriteProvince(principal, province);
      if (idempotency) {
        const prior = priorReply(projectId, stream.keyed, principal.actor, idempotency);
        if (prior) return { status: 200, reply: prior };
      }
      const unknownProject = !stream.state.exists && command.type !== 'RegisterProject';
      if (ifMatch !== undefined && ifMatch !== stream.revision && !unknownProject)
        throw stale(stream.revision);

      decided = decide(command, stream.state, request.ids.decideContext());
      const metadata = {
        schemaVersion: currentSchemaVersion,
        actor: principal.actor,
        recordedAt: deps.clock().toISOString(),
        correlationId: request.correlationId,
        causationId: request.causationId,
        ...(idempotency && {
          idempotencyKey: idempotency.key,
          requestHash: idempotency.requestHash,
        }),
        sources: request.sources,
      };
      events = chainEvents(
        stream.name,
        stream.revision,
        stream.lastHash,
        decided.map((event, index) => ({
          id: request.ids.eventId(index),
          type: event.type,
          data: event.data,
          metadata,
        })),
      );
    } catch (error) {
      if (fresh) throw error;
      fresh = true;
      attempt--;
      continue;
    }
    try {
      const result = await deps.store.append(stream.name, events, {
        expectedRevision: stream.revision ?? 'no_stream',
      });
      deps.streams.appended(stream.name, stream.revision, events, decided, result);
      deps.metrics.appended(command.type, events.length);
      return {
        status: 201,
        reply: replyFor(projectId, events, result.nextExpectedRevision, result.position),
      };
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) {
        // Someone wrote since what we knew of the stream: the next attempt reads it.
        fresh = true;
        deps.metrics.conflict(command.type);
        if (ifMatch !== undefined) throw stale(error.actual === 'no_stream' ? null : error.actual);
        if (attempt < deps.maxAttempts) {
          await sleep(deps.retryDelay(attempt));
          continue;
        }
      }
      // Deterministic ids already stored in another stream: this key was used for another request.
      if (error instanceof DuplicateEventIdError && idempotency) throw keyReused();
      throw error;
    }
  }
}
