import type { KeyObject } from 'node:crypto';
import { canonicalJson, type EventStore } from '@kawasan/event-store';
import { z } from 'zod';
import { signatureMatches, type DigestSigner } from './digestSigner.js';
import { MERKLE_RECIPE, merkleRoot, type MerkleLeaf } from './merkle.js';
import { errorText, isProjectStream } from './projectStreams.js';
import { StreamChain, type ChainBreak } from './streamChain.js';
import { describeBreak, type VerifyFailure } from './verifyStore.js';

/** A digest as served and kept by auditors. Extra fields are tolerated on the way back in. */
export const digestSchema = z
  .looseObject({
    recipe: z.literal(MERKLE_RECIPE).optional(),
    position: z.string().regex(/^\d{1,20}$/, 'must be a position (decimal digits)'),
    root: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
    streams: z.number().int().min(0),
    createdAt: z.string().max(40),
    signature: z.string().max(200).optional(),
    keyId: z.string().max(64).optional(),
  })
  .meta({ id: 'Digest' });

export type Digest = z.infer<typeof digestSchema>;

/** The exact bytes an Ed25519 digest signature covers: RFC 8785 JSON of these five fields. */
export const signedPayload = (d: Pick<Digest, 'position' | 'root' | 'streams' | 'createdAt'>) =>
  canonicalJson({
    recipe: MERKLE_RECIPE,
    position: d.position,
    root: d.root,
    streams: d.streams,
    createdAt: d.createdAt,
  });

interface ChainsAt {
  readonly leaves: MerkleLeaf[];
  readonly events: number;
  readonly firstBreak: ChainBreak | null;
  readonly unreadable: string | null;
}

/**
 * One pass over the log up to `position` (inclusive), recomputing every project stream's chain
 * as it goes; memory holds one checker (a hash and a revision) per stream.
 */
async function chainsAt(store: EventStore, position: bigint): Promise<ChainsAt> {
  const chains = new Map<string, StreamChain>();
  let events = 0;
  let firstBreak: ChainBreak | null = null;
  let unreadable: string | null = null;
  let lastGood = 0n;
  try {
    for await (const event of store.readAll()) {
      if (event.position > position) break;
      lastGood = event.position;
      if (!isProjectStream(event.stream)) continue;
      let chain = chains.get(event.stream);
      if (!chain) chains.set(event.stream, (chain = new StreamChain(event.stream)));
      events++;
      firstBreak = chain.push(event);
      // Past a break the log proves nothing up to this position: stop reading.
      if (firstBreak !== null) break;
    }
  } catch (error) {
    unreadable = `after position ${lastGood}: ${errorText(error)}`;
  }
  const leaves: MerkleLeaf[] = [];
  for (const chain of chains.values()) {
    const head = chain.head;
    if (head) leaves.push({ stream: chain.stream, ...head });
  }
  return { leaves, events, firstBreak, unreadable };
}

export type DigestOutcome =
  | { readonly ok: true; readonly digest: Digest }
  | {
      readonly ok: false;
      readonly code: 'position_beyond_log' | 'chain_broken' | 'log_unreadable';
      readonly detail: string;
      readonly failure?: VerifyFailure;
    };

/**
 * Takes a digest of the log at `position` (default: its head): the Merkle root over every project
 * stream's head. Every chain is recomputed on the way, so a digest is never issued (or signed)
 * over a log that is already broken.
 */
export async function takeDigest(
  store: EventStore,
  options: { position?: bigint | undefined; now: Date; signer?: DigestSigner | undefined },
): Promise<DigestOutcome> {
  const head = await store.headPosition();
  const position = options.position ?? head;
  if (position > head)
    return {
      ok: false,
      code: 'position_beyond_log',
      detail: `the log ends at position ${head}, before ${position}`,
    };
  const state = await chainsAt(store, position);
  if (state.unreadable !== null)
    return {
      ok: false,
      code: 'log_unreadable',
      detail: `the log cannot be read ${state.unreadable}`,
    };
  if (state.firstBreak !== null) {
    const failure = describeBreak(state.firstBreak);
    return {
      ok: false,
      code: 'chain_broken',
      detail: `no digest of a broken log: ${describeFailure(failure)}`,
      failure,
    };
  }
  const unsigned = {
    recipe: MERKLE_RECIPE,
    position: position.toString(),
    root: merkleRoot(state.leaves),
    streams: state.leaves.length,
    createdAt: options.now.toISOString(),
  } as const;
  const signer = options.signer;
  const digest: Digest = signer
    ? { ...unsigned, signature: signer.sign(signedPayload(unsigned)), keyId: signer.keyId }
    : unsigned;
  return { ok: true, digest };
}

export type SignatureState = 'valid' | 'invalid' | 'absent' | 'unchecked';

export interface DigestCheck {
  readonly ok: boolean;
  readonly detail: string;
  /** What the current log gives at the digest's position (null when it could not be computed). */
  readonly root: string | null;
  readonly streams: number | null;
  /** `unchecked`: the digest is signed but no public key was available to check it. */
  readonly signature: SignatureState;
  readonly failure?: VerifyFailure;
}

export const describeFailure = (f: VerifyFailure): string =>
  f.projectId === null
    ? f.detail
    : `project ${f.projectId} revision ${f.revision} (event ${f.eventId ?? 'unknown'}): ${f.reason}, ${f.detail}`;

function signatureState(digest: Digest, publicKey: KeyObject | null | undefined): SignatureState {
  if (digest.signature === undefined) return 'absent';
  if (!publicKey) return 'unchecked';
  return signatureMatches(signedPayload(digest), digest.signature, publicKey) ? 'valid' : 'invalid';
}

const signatureNote: Readonly<Record<SignatureState, string>> = {
  valid: 'signature valid',
  invalid: 'signature INVALID',
  absent: 'unsigned',
  unchecked: 'signature not checked (no public key)',
};

/**
 * Recomputes the root at the digest's position from the current log and compares. A digest taken
 * earlier still verifies after later appends; it stops verifying when any event at or before its
 * position was changed, removed, reordered or added, or when its signature does not match.
 */
export async function verifyDigest(
  store: EventStore,
  digest: Digest,
  options: { publicKey?: KeyObject | null | undefined } = {},
): Promise<DigestCheck> {
  const signature = signatureState(digest, options.publicKey);
  const note = signatureNote[signature];
  const position = BigInt(digest.position);
  const fail = (detail: string, extra: Partial<DigestCheck> = {}): DigestCheck => ({
    ok: false,
    detail: `${detail} (${note})`,
    root: null,
    streams: null,
    signature,
    ...extra,
  });
  const head = await store.headPosition();
  if (position > head)
    return fail(`the log ends at position ${head}, before the digest's position ${position}`);
  const state = await chainsAt(store, position);
  if (state.unreadable !== null) return fail(`the log cannot be read ${state.unreadable}`);
  if (state.firstBreak !== null) {
    const failure = describeBreak(state.firstBreak);
    return fail(`the history up to position ${position} has changed: ${describeFailure(failure)}`, {
      failure,
    });
  }
  const root = merkleRoot(state.leaves);
  const streams = state.leaves.length;
  if (root !== digest.root || streams !== digest.streams)
    return fail(
      `the log up to position ${position} now gives root ${root} over ${streams} streams, not ${digest.root} over ${digest.streams}: an event at or before it was changed, removed or added`,
      { root, streams },
    );
  if (signature === 'invalid')
    return fail('the root matches but the signature does not', { root, streams });
  return {
    ok: true,
    detail: `the log up to position ${position} still gives root ${root} over ${streams} streams (${note})`,
    root,
    streams,
    signature,
  };
}
