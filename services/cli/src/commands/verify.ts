import { describeFailure, verifyStore } from '@kawasan/audit';
import { CliFailure, type CliContext } from '../context.js';

/** `verify [--project <id>]`: recompute every chain; exit 1 naming each place one breaks. */
export async function verifyCommand(
  ctx: CliContext,
  projectId: string | undefined,
): Promise<number> {
  const store = await ctx.openStore();
  try {
    const report = await verifyStore(store, { projectId });
    if (projectId !== undefined && report.streams === 0)
      throw new CliFailure(`project ${projectId} has no events in this store`);
    const scope = `${report.streams} project stream${report.streams === 1 ? '' : 's'}, ${report.events} events`;
    await ctx.report(
      report,
      report.ok
        ? [`OK: ${scope}; every hash recomputes and links to the one before`]
        : [
            `BROKEN: ${report.failures.length} broken chain${report.failures.length === 1 ? '' : 's'} in ${scope}`,
            ...report.failures.map((f) => `  ${describeFailure(f)}`),
          ],
    );
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
