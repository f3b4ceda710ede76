import { demoSteps } from '@kawasan/demo-data';
import { bearerToken, CliFailure, serviceUrl, type CliContext } from '../context.js';

/**
 * `seed [--url <command service>] [--token <manager or admin>]`: loads the demo dataset through a
 * running command service, step by step, as a manager's requests (the same path SEED_DEMO takes
 * in-process). Each step carries an Idempotency-Key, so a run cut short can simply be repeated.
 */
export async function seedCommand(
  ctx: CliContext,
  options: { url?: string | undefined; token?: string | undefined },
): Promise<number> {
  const config = ctx.config();
  const base = (
    options.url ??
    ctx.io.env['KAWASAN_COMMAND_URL'] ??
    serviceUrl(config, config.commandPort)
  ).replace(/\/+$/, '');
  const token = await bearerToken(ctx, options.token, 'dev-admin');
  let created = 0;
  let replayed = 0;
  for (const [index, step] of demoSteps.entries()) {
    let res: Response;
    try {
      res = await fetch(`${base}${step.path}`, {
        method: step.method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': `kawasan-demo-seed-${index + 1}`,
          'x-correlation-id': 'demo-seed',
        },
        body: JSON.stringify(step.body),
      });
    } catch (error) {
      throw new CliFailure(
        `cannot reach the command service at ${base}: ${(error as Error).message}`,
      );
    }
    const text = await res.text();
    if (res.status >= 300)
      throw new CliFailure(
        `demo step ${index + 1} (${step.method} ${step.path}) was refused: ${res.status} ${text.slice(0, 300)}`,
      );
    if (res.status === 201) created++;
    else replayed++;
  }
  await ctx.report({ steps: demoSteps.length, created, replayed }, [
    `demo data loaded through ${base}: ${created} steps written${replayed === 0 ? '' : `, ${replayed} already there`}`,
  ]);
  return 0;
}
