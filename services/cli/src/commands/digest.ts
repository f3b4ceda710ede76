import { readFile, writeFile } from 'node:fs/promises';
import {
  digestSchema,
  loadDigestSigner,
  publicKeyFromPem,
  takeDigest,
  verifyDigest,
  type Digest,
} from '@kawasan/audit';
import { CliFailure, UsageError, type CliContext } from '../context.js';

/** `digest [--position <n>] [--out <file>]`: take (and sign, with a key configured) a digest. */
export async function digestCommand(
  ctx: CliContext,
  options: { position?: string | undefined; out?: string | undefined },
): Promise<number> {
  if (options.position !== undefined && !/^\d{1,20}$/.test(options.position))
    throw new UsageError('--position must be a log position (decimal digits)');
  const keyFile = ctx.config().digestSigningKeyFile;
  const signer = keyFile === undefined ? undefined : await loadDigestSigner(keyFile);
  const store = await ctx.openStore();
  try {
    const outcome = await takeDigest(store, {
      position: options.position === undefined ? undefined : BigInt(options.position),
      now: ctx.now(),
      signer,
    });
    if (!outcome.ok) throw new CliFailure(`${outcome.code}: ${outcome.detail}`);
    const { digest } = outcome;
    const document = `${JSON.stringify(digest, null, 2)}\n`;
    if (options.out !== undefined) await writeFile(options.out, document);
    if (ctx.json) await ctx.write(document);
    else
      await ctx.report(digest, [
        `digest at position ${digest.position}: root ${digest.root} over ${digest.streams} project streams`,
        `taken ${digest.createdAt}, ${digest.signature === undefined ? 'unsigned (no DIGEST_SIGNING_KEY_FILE)' : `signed with Ed25519 key ${digest.keyId}`}`,
        options.out === undefined
          ? 'keep it: kawasan digest --json > digest.json (or --out digest.json)'
          : `written to ${options.out}`,
      ]);
    return 0;
  } finally {
    await store.close();
  }
}

async function readDigest(file: string): Promise<Digest> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not a readable JSON digest (${(error as Error).message})`);
  }
  const parsed = digestSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(
      `${file} is not a digest: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/**
 * `digest verify <file> [--public-key <pem>]`: recompute the root at the digest's position from
 * the current log. The signature is checked with --public-key, else with the configured signing
 * key's public half.
 */
export async function digestVerifyCommand(
  ctx: CliContext,
  file: string,
  publicKeyFile: string | undefined,
): Promise<number> {
  const digest = await readDigest(file);
  const pemFile = publicKeyFile ?? ctx.config().digestSigningKeyFile;
  const publicKey =
    pemFile === undefined ? null : publicKeyFromPem(await readFile(pemFile, 'utf8'), pemFile);
  const store = await ctx.openStore();
  try {
    const check = await verifyDigest(store, digest, { publicKey });
    await ctx.report(check, [`${check.ok ? 'OK' : 'FAILED'}: ${check.detail}`]);
    return check.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
