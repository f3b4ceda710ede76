#!/usr/bin/env node
// Runs the pinned pnpm (package.json "packageManager") on machines that only have Node and npm:
// a global pnpm of the same major is used when present, otherwise npx fetches the pinned one.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pinned = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).packageManager.split('@')[1];
const args = process.argv.slice(2);
const probe = spawnSync('pnpm', ['--version'], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
});
const useGlobal = probe.status === 0 && probe.stdout.trim() === pinned;
const [cmd, cmdArgs] = useGlobal ? ['pnpm', args] : ['npx', ['--yes', `pnpm@${pinned}`, ...args]];
const run = spawnSync(cmd, cmdArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
