/**
 * BENCHMARKS.md at the repository root is shared by the benches: each owns one section between
 * `<!-- id:start -->` and `<!-- id:end -->`, replaced on every run (appended when missing).
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** The repository root (this file runs from test/dist/bench). */
export const repoRoot = join(import.meta.dirname, '..', '..', '..');
export const benchmarksFile = join(repoRoot, 'BENCHMARKS.md');

const preamble = `# Benchmarks

Written by \`npm run bench\`: each section below is replaced by the bench named in it.
`;

/** Machine, date and commit: the header line of every section. */
export function runHeader(): string {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { encoding: 'utf8', cwd: repoRoot }).trim();
    // BENCHMARKS.md itself is rewritten by the benches of the same run: not a change to the code.
    const dirty = execSync('git status --porcelain --untracked-files=no -- . :!BENCHMARKS.md', {
      encoding: 'utf8',
      cwd: repoRoot,
    });
    if (dirty.trim() !== '') commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  return [
    `- machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
    `- date: ${new Date().toISOString()}, commit ${commit}`,
  ].join('\n');
}

/** Replaces (or appends) section `id` of BENCHMARKS.md with `markdown`, then formats the file. */
export async function writeSection(id: string, markdown: string): Promise<void> {
  const start = `<!-- ${id}:start -->`;
  const end = `<!-- ${id}:end -->`;
  const block = `${start}\n\n${markdown.trim()}\n\n${end}`;
  const current = existsSync(benchmarksFile) ? readFileSync(benchmarksFile, 'utf8') : preamble;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from !== -1 && to > from
      ? current.slice(0, from) + block + current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(benchmarksFile, await formatted(next));
}

/** Formatted as `prettier --check .` expects, when prettier can be loaded. */
async function formatted(markdown: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(benchmarksFile)) ?? {};
    return await prettier.format(markdown, { ...config, parser: 'markdown' });
  } catch {
    return markdown;
  }
}
