import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { DecideContext } from '@kawasan/domain';
import { KAWASAN_NAMESPACE, uuidV5 } from './uuidV5.js';

/** Lower-case ASCII words joined by "-": "Kawasan Industri Sadai (KIS)" → "kawasan-industri-sadai-kis". */
export function slugify(text: string, maxLength: number): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

/** Every id a command may generate: event ids, a new project's or milestone's id, fact/conflict ids. */
export interface IdSource {
  eventId(index: number): string;
  projectId(name: string): string;
  milestoneId(type: string): string;
  /** A fresh decide context per attempt, so a retried decision generates the same ids. */
  decideContext(): DecideContext;
}

const SUFFIX_LENGTH = 8;
// Project and milestone ids are at most 64 characters: slug, "-", suffix.
const SLUG_LENGTH = 64 - 1 - SUFFIX_LENGTH;

const withSuffix = (slug: string, fallback: string, suffix: string): string =>
  `${slug.length >= 2 ? slug : fallback}-${suffix}`;

function counting(next: (kind: string, n: number) => string): () => DecideContext {
  return () => {
    const counters = new Map<string, number>();
    return {
      newId: (kind) => {
        const n = counters.get(kind) ?? 0;
        counters.set(kind, n + 1);
        return next(kind, n);
      },
    };
  };
}

/** Ids for a request without an Idempotency-Key: random. */
export function randomIds(): IdSource {
  const suffix = () => randomBytes(SUFFIX_LENGTH / 2).toString('hex');
  return {
    eventId: () => randomUUID(),
    projectId: (name) => withSuffix(slugify(name, SLUG_LENGTH), 'project', suffix()),
    milestoneId: (type) => withSuffix(slugify(type, SLUG_LENGTH), 'milestone', suffix()),
    decideContext: counting((kind) => `${kind}-${randomUUID()}`),
  };
}

/**
 * Ids for a request with an Idempotency-Key: derived from actor + key, so a retry of the same
 * request decides exactly the same events with the same ids (and the store recognises them).
 * Names are JSON arrays so no two (actor, key) pairs can spell the same name.
 */
export function idempotentIds(actor: string, key: string): IdSource {
  const name = (...parts: (string | number)[]) => JSON.stringify([...parts, actor, key]);
  const suffix = (what: string) =>
    createHash('sha256').update(name(what)).digest('hex').slice(0, SUFFIX_LENGTH);
  return {
    eventId: (index) => uuidV5(name('event', index), KAWASAN_NAMESPACE),
    projectId: (projectName) =>
      withSuffix(slugify(projectName, SLUG_LENGTH), 'project', suffix('project')),
    milestoneId: (type) => withSuffix(slugify(type, SLUG_LENGTH), 'milestone', suffix('milestone')),
    decideContext: counting((kind, n) => `${kind}-${uuidV5(name(kind, n), KAWASAN_NAMESPACE)}`),
  };
}
