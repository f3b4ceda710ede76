import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from '@kawasan/event-store';

/**
 * The digest's Merkle recipe (`kawasan-merkle-v1`), fixed so anyone can recompute a root with
 * standard tools (README, "Auditor's guide"):
 *
 * - one leaf per project stream with an event at or before the position:
 *   leaf = hex(SHA-256(UTF-8 of the RFC 8785 JSON {"hash": H, "revision": "R", "stream": S})),
 *   where R is the head revision in decimal and H the head event's `metadata.hash`;
 * - leaves ordered by stream name (code-unit order; stream names are ASCII, so byte order);
 * - node = hex(SHA-256(ASCII of left hex || right hex)), 128 hex characters in;
 *   an odd node at the end of a level is promoted to the next level unchanged;
 * - the root of one leaf is that leaf; the root of no streams is 64 zeros.
 */
export const MERKLE_RECIPE = 'kawasan-merkle-v1';

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export interface MerkleLeaf {
  readonly stream: string;
  readonly revision: bigint;
  readonly hash: string;
}

export const leafHash = (leaf: MerkleLeaf): string =>
  sha256Hex(
    canonicalJson({ stream: leaf.stream, revision: leaf.revision.toString(), hash: leaf.hash }),
  );

export const nodeHash = (left: string, right: string): string => sha256Hex(left + right);

const byStream = (a: MerkleLeaf, b: MerkleLeaf): number =>
  a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0;

/** The root over the given stream heads (in any order; they are sorted here). */
export function merkleRoot(leaves: readonly MerkleLeaf[]): string {
  let level = [...leaves].sort(byStream).map(leafHash);
  if (level.length === 0) return GENESIS_HASH;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i]!;
      const right = level[i + 1];
      next.push(right === undefined ? left : nodeHash(left, right));
    }
    level = next;
  }
  return level[0]!;
}
