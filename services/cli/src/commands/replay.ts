import { firstDifference, replayedViews, replayReadModel, type Difference } from '@kawasan/audit';
import type { EventStore } from '@kawasan/event-store';
import { PROJECT_STREAM_PREFIX, type ReadModel } from '@kawasan/projections';
import type { DateTime } from 'luxon';
import {
  bearerToken,
  CliFailure,
  parseInstant,
  serviceUrl,
  UsageError,
  type CliContext,
} from '../context.js';

interface Served {
  position: string;
  list: { items: { projectId: string }[]; total: unknown; counts: unknown };
  projects: Map<string, unknown>;
}

/** The service moved on while we read it (writes are coming in): read it again. */
class MovedOn extends Error {}

const ATTEMPTS = 3;

/** Position of the newest project event (the log may end with other streams' events). */
async function lastProjectPosition(store: EventStore): Promise<bigint> {
  let scanned = 0;
  for await (const e of store.readAll({ direction: 'backwards', fromPosition: 'end' })) {
    if (e.stream.startsWith(PROJECT_STREAM_PREFIX)) return e.position;
    if (++scanned >= 10_000) break;
  }
  return 0n;
}

function client(base: string, token: string) {
  return async (path: string): Promise<{ body: unknown; position: string }> => {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    } catch (error) {
      throw new CliFailure(
        `cannot reach the projection service at ${base}: ${(error as Error).message}`,
      );
    }
    const text = await res.text();
    if (!res.ok) throw new CliFailure(`GET ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return {
      body: JSON.parse(text) as unknown,
      position: res.headers.get('x-projection-position') ?? '',
    };
  };
}

/** Project views fetched at once: enough to keep the service busy, few enough to be polite. */
const IN_FLIGHT = 4;

/**
 * Every page of the project list and every project view, all at one projection position.
 * `atPosition` hears that position as soon as the first page names it, so the caller can replay
 * the log while the service is still answering.
 */
async function readService(
  get: ReturnType<typeof client>,
  asOf: string,
  minPosition: bigint,
  atPosition: (position: string) => void,
): Promise<Served> {
  const at = `asOf=${encodeURIComponent(asOf)}`;
  const first = await get(`/projects?limit=200&${at}&minPosition=${minPosition}&waitMs=10000`);
  const position = first.position;
  atPosition(position);
  const same = (p: string) => {
    if (p !== position) throw new MovedOn(`the views moved from position ${position} to ${p}`);
  };
  type Page = {
    items: { projectId: string }[];
    nextCursor: string | null;
    total: unknown;
    counts: unknown;
  };
  let page = first.body as Page;
  const items = [...page.items];
  while (page.nextCursor !== null) {
    const next = await get(
      `/projects?limit=200&${at}&cursor=${encodeURIComponent(page.nextCursor)}`,
    );
    same(next.position);
    page = next.body as Page;
    items.push(...page.items);
  }
  const projects = new Map<string, unknown>(items.map((p) => [p.projectId, null]));
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const { projectId } = items[next++]!;
      try {
        const view = await get(`/projects/${encodeURIComponent(projectId)}?${at}`);
        same(view.position);
        projects.set(projectId, view.body);
      } catch (error) {
        // The other workers stop at their next step rather than read on in vain.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const { total, counts } = first.body as Page;
  return { position, list: { items, total, counts }, projects };
}

function compare(
  served: Served,
  replayed: ReturnType<typeof replayedViews>,
): { where: string; difference: Difference } | null {
  const { total, counts, items } = replayed.list as Served['list'];
  const listDiff = firstDifference({ items, total, counts }, served.list);
  if (listDiff) return { where: 'GET /projects', difference: listDiff };
  for (const [projectId, view] of served.projects) {
    const d = firstDifference(replayed.project(projectId), view);
    if (d) return { where: `GET /projects/${projectId}`, difference: d };
  }
  return null;
}

/**
 * `replay --check [--url] [--token] [--as-of]`: rebuild every view from position zero and compare
 * it with what the running projection service serves, both at one fixed `asOf` and at the
 * position the service has folded. Exit 1 with the path of the first differing field.
 */
export async function replayCommand(
  ctx: CliContext,
  options: {
    check: boolean;
    url?: string | undefined;
    token?: string | undefined;
    asOf?: string | undefined;
  },
): Promise<number> {
  if (!options.check) throw new UsageError('replay only checks for now: kawasan replay --check');
  const asOf: DateTime = parseInstant(options.asOf ?? ctx.now().toISOString(), 'as-of', 'start');
  const asOfText = asOf.toISO()!;
  const base = (
    options.url ??
    ctx.io.env['KAWASAN_QUERY_URL'] ??
    serviceUrl(ctx.config(), ctx.config().queryPort)
  ).replace(/\/+$/, '');
  const get = client(base, await bearerToken(ctx, options.token, 'dev-auditor'));
  const store = await ctx.openStore();
  try {
    let served: Served | null = null;
    const replay: { model?: Promise<ReadModel> } = {};
    for (let attempt = 1; served === null; attempt++) {
      try {
        served = await readService(get, asOfText, await lastProjectPosition(store), (p) => {
          // Replay while the service answers: two processes, two cores.
          replay.model = replayReadModel(store, { upTo: BigInt(p) });
          replay.model.catch(() => undefined);
        });
      } catch (error) {
        await replay.model?.catch(() => undefined);
        if (!(error instanceof MovedOn) || attempt >= ATTEMPTS) throw error;
      }
    }
    const model = await replay.model!;
    const found = compare(served, replayedViews(model, asOf));
    const summary = { position: served.position, asOf: asOfText, projects: served.projects.size };
    if (found === null) {
      await ctx.report({ ok: true, ...summary }, [
        `OK: a replay from position zero gives the service's views of ${summary.projects} projects (position ${summary.position}, asOf ${asOfText})`,
      ]);
      return 0;
    }
    const { where, difference } = found;
    await ctx.report({ ok: false, ...summary, where, ...difference }, [
      `DIFFERENT: ${where} at ${difference.path} (position ${summary.position}, asOf ${asOfText})`,
      `  replay:  ${difference.expected}`,
      `  service: ${difference.actual}`,
    ]);
    return 1;
  } catch (error) {
    if (error instanceof MovedOn)
      throw new CliFailure(
        `${error.message} during the check ${ATTEMPTS} times; run it when writes pause`,
      );
    throw error;
  } finally {
    await store.close();
  }
}
