import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { ensureDevTokensFile, loadTokens } from './devTokens.js';
import { HttpProblem } from './problem.js';
import { loadTokensFile, TokenRegistry, tokensFileSchema } from './tokens.js';

const PLAIN = 'plain-token-0123456789abcdef';
const HASHED = 'hashed-token-0123456789abcdef';
const REVOKED = 'revoked-token-0123456789abcdef';
const hex = (s: string) => createHash('sha256').update(s).digest('hex');

const registry = () =>
  TokenRegistry.fromEntries([
    {
      token: PLAIN,
      actor: 'ani@bkpm',
      roles: ['manager'],
      provinces: ['kepulauan bangka belitung'],
    },
    { sha256: hex(HASHED).toUpperCase(), actor: 'budi@dpmptsp', roles: ['viewer', 'viewer'] },
    { token: REVOKED, actor: 'cici@old', roles: ['admin'], revoked: true },
  ]);

const rejection = (fn: () => unknown): HttpProblem => {
  try {
    fn();
  } catch (error) {
    if (error instanceof HttpProblem) return error;
    throw error;
  }
  throw new Error('expected a rejection');
};

t.test('plain and hashed tokens both authenticate', async (t) => {
  const tokens = registry();
  t.equal(tokens.size, 3);
  t.strictSame(
    tokens.authenticate(`Bearer ${PLAIN}`),
    {
      actor: 'ani@bkpm',
      roles: ['manager'],
      provinces: ['Kepulauan Bangka Belitung'],
    },
    'province names are stored as written officially',
  );
  t.strictSame(
    tokens.authenticate(`bearer   ${HASHED}`),
    {
      actor: 'budi@dpmptsp',
      roles: ['viewer'],
      provinces: null,
    },
    'scheme is case-insensitive; roles deduplicated',
  );
});

t.test('missing, malformed, unknown and revoked tokens are 401', async (t) => {
  const tokens = registry();
  const missing = rejection(() => tokens.authenticate(undefined));
  t.equal(missing.status, 401);
  t.equal(missing.code, 'unauthorized');
  t.equal(missing.headers['www-authenticate'], 'Bearer realm="kawasan"');
  for (const header of [
    `Basic ${PLAIN}`,
    'Bearer',
    `Bearer ${PLAIN} extra`,
    `Bearer ${'x'.repeat(600)}`,
    'Bearer wrong-token-0123456789abcdef',
    `Bearer ${REVOKED}`,
    `Bearer ${hex(HASHED)}`,
  ]) {
    const problem = rejection(() => tokens.authenticate(header));
    t.equal(problem.status, 401, header.slice(0, 40));
    t.match(problem.headers['www-authenticate'], /error="invalid_token"/);
  }
  t.equal(
    rejection(() => tokens.authenticate(`Bearer ${REVOKED}`)).message,
    rejection(() => tokens.authenticate('Bearer nobody-knows-this-token')).message,
    'revoked and unknown look the same from outside',
  );
});

t.test('ephemeral tokens live in memory until revoked', async (t) => {
  const tokens = registry();
  const { token, revoke } = tokens.issueEphemeral({
    actor: 'demo-loader',
    roles: ['admin'],
    provinces: null,
  });
  t.equal(tokens.authenticate(`Bearer ${token}`).actor, 'demo-loader');
  revoke();
  t.equal(rejection(() => tokens.authenticate(`Bearer ${token}`)).status, 401);
});

t.test('the tokens file is validated', async (t) => {
  const dir = t.testdir({
    'good.json': JSON.stringify({ tokens: [{ token: PLAIN, actor: 'a', roles: ['admin'] }] }),
    'notjson.json': '{',
    'bad.json': JSON.stringify({
      tokens: [
        { actor: 'a', roles: ['admin'] },
        { token: 'short', actor: 'b', roles: ['boss'] },
        { token: PLAIN, actor: 'c', roles: ['manager'], provinces: ['Atlantis'] },
      ],
    }),
    'twice.json': JSON.stringify({
      tokens: [
        { token: PLAIN, actor: 'a', roles: ['admin'] },
        { sha256: hex(PLAIN), actor: 'b', roles: ['viewer'] },
      ],
    }),
  });
  t.equal(
    (await loadTokensFile(join(dir, 'good.json'))).authenticate(`Bearer ${PLAIN}`).actor,
    'a',
  );
  await t.rejects(loadTokensFile(join(dir, 'missing.json')), {
    name: 'ConfigError',
    message: /AUTH_TOKENS_FILE .*missing\.json cannot be read/,
  });
  await t.rejects(loadTokensFile(join(dir, 'notjson.json')), { message: /cannot be read as JSON/ });
  await t.rejects(loadTokensFile(join(dir, 'bad.json')), {
    message:
      /tokens\.0: give exactly one of token or sha256.*tokens\.1\.token: must be at least 16.*tokens\.1\.roles\.0.*tokens\.2\.provinces\.0: unknown province/,
  });
  await t.rejects(loadTokensFile(join(dir, 'twice.json')), { message: /listed twice/ });
});

t.test('development tokens: created once, mode 0600, reused', async (t) => {
  const dir = t.testdir();
  const dataDir = join(dir, 'nested', 'data');
  const first = await loadTokens({ authTokensFile: undefined, dataDir });
  t.equal(first.source.kind, 'development');
  t.match(first.source, {
    path: join(dataDir, 'dev-tokens.json'),
    created: true,
    privateMode: true,
  });
  const stats = await stat(join(dataDir, 'dev-tokens.json'));
  t.equal(stats.mode & 0o777, 0o600);
  const file = tokensFileSchema.parse(
    JSON.parse(await readFile(join(dataDir, 'dev-tokens.json'), 'utf8')),
  );
  t.strictSame(
    file.tokens.map((e) => [e.actor, e.roles, e.provinces ?? null]),
    [
      ['dev-admin', ['admin'], null],
      ['dev-manager', ['manager', 'viewer'], null],
      ['dev-manager-babel', ['manager', 'viewer'], ['Kepulauan Bangka Belitung']],
      ['dev-viewer', ['viewer'], null],
      ['dev-auditor', ['auditor'], null],
    ],
  );
  const second = await loadTokens({ authTokensFile: undefined, dataDir });
  t.match(second.source, { created: false });
  for (const entry of file.tokens) {
    t.equal(first.tokens.authenticate(`Bearer ${entry.token}`).actor, entry.actor);
    t.equal(second.tokens.authenticate(`Bearer ${entry.token}`).actor, entry.actor, 'same tokens');
  }
});

t.test('two services starting at once agree on one set of development tokens', async (t) => {
  const dataDir = t.testdir();
  const results = await Promise.all(Array.from({ length: 6 }, () => ensureDevTokensFile(dataDir)));
  t.equal(results.filter((r) => r.created).length, 1, 'exactly one creates the file');
  const loaded = await Promise.all(
    results.map(() => loadTokens({ authTokensFile: undefined, dataDir })),
  );
  const file = tokensFileSchema.parse(
    JSON.parse(await readFile(join(dataDir, 'dev-tokens.json'), 'utf8')),
  );
  for (const { tokens } of loaded)
    t.equal(tokens.authenticate(`Bearer ${file.tokens[0]!.token}`).actor, 'dev-admin');
});

t.test('a development tokens file readable by others is reported', async (t) => {
  const dataDir = t.testdir();
  await writeFile(join(dataDir, 'dev-tokens.json'), JSON.stringify({ tokens: [] }), {
    mode: 0o644,
  });
  const result = await ensureDevTokensFile(dataDir);
  t.match(result, { created: false, privateMode: false });
});

t.test('AUTH_TOKENS_FILE wins over development tokens', async (t) => {
  const dir = t.testdir({
    'tokens.json': JSON.stringify({
      tokens: [{ sha256: hex(PLAIN), actor: 'ops', roles: ['admin'] }],
    }),
  });
  const { tokens, source } = await loadTokens({
    authTokensFile: join(dir, 'tokens.json'),
    dataDir: dir,
  });
  t.strictSame(source, { kind: 'file', path: join(dir, 'tokens.json') });
  t.equal(tokens.authenticate(`Bearer ${PLAIN}`).actor, 'ops');
});
