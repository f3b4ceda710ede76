import { createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { describeFailure, exportCsv, exportJsonl, importJsonl } from '@kawasan/audit';
import { parseInstant, UsageError, writeTo, type CliContext } from '../context.js';

export const exportFormats = ['jsonl', 'csv'] as const;

/**
 * `export [--project <id>] [--format jsonl|csv] [--out <file>] [--as-of <instant>]`: rows are
 * written as they are read, waiting for the output to drain, so memory stays flat.
 */
export async function exportCommand(
  ctx: CliContext,
  options: {
    project?: string | undefined;
    format?: string | undefined;
    out?: string | undefined;
    asOf?: string | undefined;
  },
): Promise<number> {
  const format = options.format ?? 'jsonl';
  if (!(exportFormats as readonly string[]).includes(format))
    throw new UsageError(`--format must be ${exportFormats.join(' or ')}`);
  const asOf =
    options.asOf === undefined
      ? parseInstant(ctx.now().toISOString(), 'as-of', 'start')
      : parseInstant(options.asOf, 'as-of', 'start');
  const store = await ctx.openStore();
  const out: Writable =
    options.out === undefined ? ctx.io.stdout : createWriteStream(options.out, { mode: 0o600 });
  let rows = 0;
  try {
    const lines =
      format === 'jsonl'
        ? exportJsonl(store, { projectId: options.project })
        : exportCsv(store, { projectId: options.project, asOf });
    for await (const line of lines) {
      await writeTo(out, line);
      rows++;
    }
  } finally {
    await store.close();
    if (out !== ctx.io.stdout) {
      out.end();
      await finished(out);
    }
  }
  // Only a file export has room for a summary; stdout carries the data itself.
  if (options.out !== undefined) {
    const what = format === 'jsonl' ? `${rows} events` : `${Math.max(rows - 1, 0)} milestones`;
    await ctx.report({ format, file: options.out, rows }, [`exported ${what} to ${options.out}`]);
  }
  return 0;
}

/** `import <file>`: a JSON Lines export into an EMPTY store, with the original ids and hashes. */
export async function importCommand(ctx: CliContext, file: string): Promise<number> {
  try {
    await access(file);
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  const store = await ctx.openStore({ write: true });
  try {
    const input = createReadStream(file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    const summary = await importJsonl(store, lines);
    await ctx.report(summary, [
      `imported ${summary.events} events in ${summary.streams} streams; the store's head is position ${summary.position}`,
      ...(summary.failures.length === 0
        ? ['every project chain in the file verifies']
        : [
            `WARNING: the file holds ${summary.failures.length} broken chain(s), imported as they are:`,
            ...summary.failures.map((f) => `  ${describeFailure(f)}`),
          ]),
    ]);
    return summary.failures.length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}
