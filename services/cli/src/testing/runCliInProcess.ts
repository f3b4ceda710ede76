import { PassThrough } from 'node:stream';
import { runCli } from '../cli.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const collector = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, text: () => text };
};

/** Runs the CLI in this process with the given environment, collecting what it prints. */
export async function runCliInProcess(
  args: string[],
  env: Record<string, string>,
  now = new Date('2026-11-22T08:00:00Z'),
): Promise<CliRun> {
  const stdout = collector();
  const stderr = collector();
  const code = await runCli(args, {
    env,
    stdout: stdout.stream,
    stderr: stderr.stream,
    now: () => now,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}
