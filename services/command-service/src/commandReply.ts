import { z } from 'zod';

/** The answer to every command (api.md); revision and position are decimal strings. */
export const commandReplySchema = z
  .object({
    projectId: z.string(),
    revision: z.string().describe('The stream revision after the write (also the ETag)'),
    position: z
      .string()
      .describe('Global position of the last event: pass it as minPosition to read your write'),
    eventIds: z.array(z.string()),
    milestoneId: z.string().optional(),
    factId: z.string().optional(),
    conflictId: z.string().optional(),
  })
  .meta({ id: 'CommandReply' });
export type CommandReply = z.infer<typeof commandReplySchema>;

interface WrittenEvent {
  readonly id: string;
  readonly data: unknown;
}

const field = (events: readonly WrittenEvent[], name: string): string | undefined => {
  for (const event of events) {
    const value = (event.data as Record<string, unknown> | null)?.[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
};

/**
 * The reply for events written by one command. Built from the events themselves, so the first
 * answer and an idempotent replay (rebuilt from the stored events) are the same.
 */
export function replyFor(
  projectId: string,
  events: readonly WrittenEvent[],
  revision: bigint,
  position: bigint,
): CommandReply {
  const milestoneId = field(events, 'milestoneId');
  const factId = field(events, 'factId');
  const conflictId = field(events, 'conflictId');
  return {
    projectId,
    revision: revision.toString(),
    position: position.toString(),
    eventIds: events.map((e) => e.id),
    ...(milestoneId !== undefined && { milestoneId }),
    ...(factId !== undefined && { factId }),
    ...(conflictId !== undefined && { conflictId }),
  };
}
