// Password hashing: scrypt N=2^17, r=8, p=1 with a per-user salt; parameters stored beside the hash so they can be
// raised later without locking anyone out. Compared in constant time.
import crypto from 'node:crypto';

export interface HashParams {
  N: number;
  r: number;
  p: number;
  keylen: number;
}

export const CURRENT_PARAMS: HashParams = { N: 2 ** 17, r: 8, p: 1, keylen: 64 };

function derive(password: string, salt: Buffer, prm: HashParams): Buffer {
  // scrypt needs 128·N·r bytes (128 MiB here); Node's default ceiling is 32 MiB.
  return crypto.scryptSync(password.normalize('NFC'), salt, prm.keylen, {
    N: prm.N,
    r: prm.r,
    p: prm.p,
    maxmem: 256 * 1024 * 1024,
  });
}

export function hashPassword(password: string): { hash: Buffer; salt: Buffer; params: string } {
  const salt = crypto.randomBytes(16);
  return { hash: derive(password, salt, CURRENT_PARAMS), salt, params: JSON.stringify(CURRENT_PARAMS) };
}

export function verifyPassword(password: string, hash: Buffer, salt: Buffer, params: string): boolean {
  const got = derive(password, salt, JSON.parse(params) as HashParams);
  return got.length === hash.length && crypto.timingSafeEqual(got, hash);
}

// A sign-in for an unknown user still pays for one derivation, so timing does not reveal which usernames exist.
const DUMMY = { salt: crypto.randomBytes(16), params: JSON.stringify(CURRENT_PARAMS) };
export function burnOneDerivation(password: string): void {
  derive(password, DUMMY.salt, CURRENT_PARAMS);
}
