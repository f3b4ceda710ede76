import { createHash } from 'node:crypto';
import t from 'tap';
import { leafHash, merkleRoot, nodeHash } from './merkle.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const head = (stream: string, revision: bigint) => ({ stream, revision, hash: sha(stream) });

t.test('a leaf is SHA-256 of the RFC 8785 JSON {hash, revision, stream}', async (t) => {
  const leaf = head('project-blt-ki', 12n);
  t.equal(
    leafHash(leaf),
    sha(`{"hash":"${leaf.hash}","revision":"12","stream":"project-blt-ki"}`),
    'keys sorted, revision a decimal string, no spaces',
  );
  t.equal(nodeHash('ab', 'cd'), sha('abcd'), 'a node hashes the two hex digests as text');
});

t.test('the root: sorted leaves, pairs hashed, an odd node promoted', async (t) => {
  const [a, b, c] = [head('project-a', 0n), head('project-b', 3n), head('project-c', 1n)];
  const [la, lb, lc] = [leafHash(a), leafHash(b), leafHash(c)];
  t.equal(merkleRoot([]), '0'.repeat(64), 'no streams: 64 zeros');
  t.equal(merkleRoot([b]), lb, 'one leaf is the root');
  t.equal(merkleRoot([c, a, b]), sha(sha(la + lb) + lc), 'three leaves: c is promoted');
  t.equal(merkleRoot([a, b, c]), merkleRoot([c, b, a]), 'input order does not matter');
  const d = head('project-d', 9n);
  const e = head('project-e', 2n);
  t.equal(
    merkleRoot([a, b, c, d, e]),
    sha(sha(sha(la + lb) + sha(lc + leafHash(d))) + leafHash(e)),
    'five leaves',
  );
  t.not(
    merkleRoot([a, { ...b, revision: 4n }, c]),
    merkleRoot([a, b, c]),
    'a head revision counts',
  );
});
