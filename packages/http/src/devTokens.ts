import { randomBytes } from 'node:crypto';
import { link, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from './config.js';
import { loadTokensFile, type TokenEntry, type TokenRegistry } from './tokens.js';

/** The development principals: one per role, plus a manager scoped to one province. */
export const devTokenProfiles: readonly Omit<TokenEntry, 'token' | 'sha256'>[] = [
  { actor: 'dev-admin', roles: ['admin'] },
  { actor: 'dev-manager', roles: ['manager', 'viewer'] },
  {
    actor: 'dev-manager-babel',
    roles: ['manager', 'viewer'],
    provinces: ['Kepulauan Bangka Belitung'],
  },
  { actor: 'dev-viewer', roles: ['viewer'] },
  { actor: 'dev-auditor', roles: ['auditor'] },
];

export const DEV_TOKENS_FILE = 'dev-tokens.json';

/**
 * Creates `DATA_DIR/dev-tokens.json` (mode 0600) unless it exists. The content is written to a
 * private temporary file first and hard-linked into place: the link either appears complete or
 * fails with EEXIST, so when both services start at once the loser reads the winner's tokens
 * and both agree, and nobody ever reads a half-written file.
 */
export async function ensureDevTokensFile(
  dataDir: string,
): Promise<{ path: string; created: boolean; privateMode: boolean }> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, DEV_TOKENS_FILE);
  const tokens = devTokenProfiles.map((profile) => ({
    token: randomBytes(32).toString('base64url'),
    ...profile,
  }));
  const content = `${JSON.stringify(
    {
      comment:
        'Development tokens, created because AUTH_TOKENS_FILE is not set. Not for production.',
      tokens,
    },
    null,
    2,
  )}\n`;
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  let created = true;
  await writeFile(temporary, content, { flag: 'wx', mode: 0o600 });
  try {
    await link(temporary, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  } finally {
    await rm(temporary, { force: true });
  }
  const { mode } = await stat(path);
  return { path, created, privateMode: (mode & 0o077) === 0 };
}

/** Where the tokens came from, so start-up can log it (the path, never the tokens). */
export type TokenSource =
  | { kind: 'file'; path: string }
  | { kind: 'development'; path: string; created: boolean; privateMode: boolean };

/** The tokens of AUTH_TOKENS_FILE, or the development tokens when it is not set. */
export async function loadTokens(
  config: Pick<Config, 'authTokensFile' | 'dataDir'>,
): Promise<{ tokens: TokenRegistry; source: TokenSource }> {
  if (config.authTokensFile !== undefined) {
    const tokens = await loadTokensFile(config.authTokensFile);
    return { tokens, source: { kind: 'file', path: config.authTokensFile } };
  }
  const file = await ensureDevTokensFile(config.dataDir);
  const tokens = await loadTokensFile(file.path, 'development tokens file');
  return { tokens, source: { kind: 'development', ...file } };
}
