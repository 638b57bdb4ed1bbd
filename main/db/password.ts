// Password derivation: scrypt N=2^17, r=8, p=1 with a per-user salt; the parameters are stored beside what is
// derived (a key slot, db/keys.ts) so they can be raised later without locking anyone out.
import crypto from 'node:crypto';

export interface HashParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

export const CURRENT_PARAMS: HashParams = { N: 2 ** 17, r: 8, p: 1, keylen: 64 };

export function derive(password: string, salt: Buffer, prm: HashParams): Buffer {
  // scrypt needs 128·N·r bytes (128 MiB here); Node's default ceiling is 32 MiB.
  return crypto.scryptSync(password.normalize('NFC'), salt, prm.keylen, {
    N: prm.N,
    r: prm.r,
    p: prm.p,
    maxmem: 256 * 1024 * 1024,
  });
}

/** A password against the hash a plain ledger kept in its staff table (before encryption), in constant time. */
export function verifyPassword(password: string, hash: Buffer, salt: Buffer, params: string): boolean {
  const got = derive(password, salt, JSON.parse(params) as HashParams);
  return got.length === hash.length && crypto.timingSafeEqual(got, hash);
}
