import { createHash } from 'node:crypto';
import { canonicalJson, type RecordedEvent } from '@kawasan/event-store';
import { HttpProblem } from '@kawasan/http';
import { replyFor, type CommandReply } from './commandReply.js';

export interface Idempotency {
  readonly key: string;
  /** SHA-256 of the canonical JSON of method, path and body. */
  readonly requestHash: string;
}

export function requestHashOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(canonicalJson({ method, path, body: body ?? null }))
    .digest('hex');
}

export const keyReused = () =>
  new HttpProblem(
    422,
    'idempotency_key_reused',
    'this Idempotency-Key was already used by you for a different request; use a new key',
  );

/**
 * The first reply to an earlier request by the same actor with the same key, rebuilt from the
 * events it wrote; undefined when there was none. The same key with another body is 422.
 */
export function priorReply(
  projectId: string,
  events: readonly RecordedEvent[],
  actor: string,
  idempotency: Idempotency,
): CommandReply | undefined {
  const written = events.filter(
    (e) => e.metadata['actor'] === actor && e.metadata['idempotencyKey'] === idempotency.key,
  );
  const last = written.at(-1);
  if (last === undefined) return undefined;
  if (written[0]?.metadata['requestHash'] !== idempotency.requestHash) throw keyReused();
  return replyFor(projectId, written, last.revision, last.position);
}
