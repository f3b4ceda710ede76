import { projectHistory } from '@kawasan/audit';
import { CliFailure, parseInstant, type CliContext } from '../context.js';

/** `history <projectId> [--known-at <instant>]`: every entry with who, when and retractions. */
export async function historyCommand(
  ctx: CliContext,
  projectId: string,
  knownAtInput: string | undefined,
): Promise<number> {
  const knownAt =
    knownAtInput === undefined ? undefined : parseInstant(knownAtInput, 'known-at', 'end').toISO()!;
  const store = await ctx.openStore();
  try {
    const items = await projectHistory(store, projectId, { knownAt });
    if (items === null)
      throw new CliFailure(
        `project ${projectId} had no entry${knownAt === undefined ? '' : ` recorded by ${knownAt}`}`,
      );
    await ctx.report({ projectId, ...(knownAt !== undefined && { knownAt }), items }, [
      `${projectId}: ${items.length} entries${knownAt === undefined ? '' : ` known at ${knownAt}`}`,
      ...items.map((e) =>
        [
          e.revision.padStart(4),
          e.recordedAt.padEnd(24),
          e.actor.padEnd(16),
          e.type.padEnd(22),
          e.eventId,
          e.retractedBy === undefined ? '' : ` retracted by ${e.retractedBy}`,
        ].join(' '),
      ),
    ]);
    return 0;
  } finally {
    await store.close();
  }
}
