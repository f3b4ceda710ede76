import type { EventStore } from '@kawasan/event-store';
import {
  createReadModel,
  listProjects,
  projectListSchema,
  projectView,
  projectViewSchema,
  type ReadModel,
} from '@kawasan/projections';
import type { DateTime } from 'luxon';

/**
 * Rebuilds the read model from position zero, exactly as a fresh projection service would: every
 * event of the log in commit order, up to `upTo` (inclusive) when given.
 */
export async function replayReadModel(
  store: EventStore,
  options: { upTo?: bigint | undefined } = {},
): Promise<ReadModel> {
  const model = createReadModel();
  for await (const event of store.readAll()) {
    if (options.upTo !== undefined && event.position > options.upTo) break;
    model.apply(event);
  }
  return model;
}

/** What the projection service would send: the value through its response schema, as JSON. */
const asServed = (schema: { encode(value: never): unknown }, value: unknown): unknown =>
  JSON.parse(JSON.stringify(schema.encode(value as never))) as unknown;

/** The replayed answers of `GET /projects?limit=<all>` and `GET /projects/{id}`, at `asOf`. */
export function replayedViews(model: ReadModel, asOf: DateTime) {
  const all = listProjects(model.projects(), {
    filter: {},
    sort: 'name',
    limit: Number.MAX_SAFE_INTEGER,
    offset: 0,
    asOf,
  });
  const list = asServed(projectListSchema, all) as { items: { projectId: string }[] };
  const project = (projectId: string): unknown => {
    const found = model.project(projectId);
    return found ? asServed(projectViewSchema, projectView(found, asOf)) : null;
  };
  return { list, project };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const show = (v: unknown): string => {
  const text = JSON.stringify(v) ?? 'undefined';
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
};

export interface Difference {
  /** Dotted path of the first differing field, e.g. `ksb-ki.milestones[2].due`. */
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/**
 * The first place two JSON values differ, depth first, object keys in sorted order (so key
 * order never counts as a difference); null when they are equal.
 */
export function firstDifference(expected: unknown, actual: unknown, path = ''): Difference | null {
  const here = (): Difference => ({
    path: path || '(root)',
    expected: show(expected),
    actual: show(actual),
  });
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const length = Math.max(expected.length, actual.length);
    for (let i = 0; i < length; i++) {
      if (i >= expected.length || i >= actual.length)
        return { path: `${path}[${i}]`, expected: show(expected[i]), actual: show(actual[i]) };
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    for (const key of keys) {
      const d = firstDifference(expected[key], actual[key], path ? `${path}.${key}` : key);
      if (d) return d;
    }
    return null;
  }
  return expected === actual ? null : here();
}
