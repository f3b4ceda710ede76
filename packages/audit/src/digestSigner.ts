import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** Signs digests with an Ed25519 private key (DIGEST_SIGNING_KEY_FILE). */
export interface DigestSigner {
  /** hex(SHA-256(DER SubjectPublicKeyInfo)) of the public key: names the key in a digest. */
  readonly keyId: string;
  /** The public key as SPKI PEM, for auditors to keep. */
  readonly publicKeyPem: string;
  /** Base64 Ed25519 signature of the UTF-8 payload. */
  sign(payload: string): string;
}

export const keyIdOf = (publicKey: KeyObject): string =>
  createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');

function requireEd25519(key: KeyObject, source: string): void {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new TypeError(
      `${source}: the digest signing key must be Ed25519, not ${key.asymmetricKeyType ?? key.type}`,
    );
}

/** A signer from a PEM (PKCS#8) Ed25519 private key, e.g. `openssl genpkey -algorithm ed25519`. */
export function digestSignerFromPem(pem: string, source = 'signing key'): DigestSigner {
  const privateKey = createPrivateKey(pem);
  requireEd25519(privateKey, source);
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (payload) => sign(null, Buffer.from(payload, 'utf8'), privateKey).toString('base64'),
  };
}

export async function loadDigestSigner(file: string): Promise<DigestSigner> {
  return digestSignerFromPem(await readFile(file, 'utf8'), file);
}

/** The public key of a PEM that holds either half of an Ed25519 pair. */
export function publicKeyFromPem(pem: string, source = 'public key'): KeyObject {
  const key = pem.includes('PRIVATE KEY')
    ? createPublicKey(createPrivateKey(pem))
    : createPublicKey(pem);
  requireEd25519(key, source);
  return key;
}

export function signatureMatches(
  payload: string,
  signature: string,
  publicKey: KeyObject,
): boolean {
  try {
    return verify(null, Buffer.from(payload, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
