import type { EventStore } from '@kawasan/event-store';
import type { HttpApp, Problem, TokenRegistry } from '@kawasan/http';

/** One request of the demo dataset (the shape `@kawasan/demo-data` exports). */
export interface DemoStep {
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly body: object;
}

export const DEMO_ACTOR = 'demo-loader';

/** A demo step the service refused: start-up stops with the step, its path and the problem. */
export class DemoSeedError extends Error {
  constructor(
    readonly step: number,
    readonly path: string,
    readonly problem: unknown,
  ) {
    const p = problem as Partial<Problem> | undefined;
    super(
      `demo step ${step} (${path}) was refused: ${p?.status ?? '?'} ${p?.code ?? 'unknown'}: ${p?.detail ?? JSON.stringify(problem)}`,
    );
    this.name = 'DemoSeedError';
  }
}

/**
 * Loads the demo dataset into an empty store by sending each step through `app.inject`, so the
 * demo data takes exactly the path a manager's request takes (validation, decider, hash chain).
 * The admin token used lives only in memory for the duration of the load.
 */
export async function seedDemo(options: {
  app: HttpApp;
  store: EventStore;
  tokens: TokenRegistry;
  steps: readonly DemoStep[];
}): Promise<{ loaded: number }> {
  const { app, store, tokens, steps } = options;
  if ((await store.headPosition()) !== 0n) {
    app.log.info('the store is not empty: demo data not loaded');
    return { loaded: 0 };
  }
  const { token, revoke } = tokens.issueEphemeral({
    actor: DEMO_ACTOR,
    roles: ['admin'],
    provinces: null,
  });
  try {
    for (const [index, step] of steps.entries()) {
      const response = await app.inject({
        method: step.method,
        url: step.path,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'x-correlation-id': 'demo-seed',
        },
        payload: JSON.stringify(step.body),
      });
      if (response.statusCode >= 300) {
        let problem: unknown = response.body;
        try {
          problem = response.json();
        } catch {
          // Not JSON: the raw body is the best description there is.
        }
        throw new DemoSeedError(index + 1, step.path, problem);
      }
    }
  } finally {
    revoke();
  }
  app.log.info({ steps: steps.length }, 'demo data loaded');
  return { loaded: steps.length };
}
