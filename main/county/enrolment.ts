// The enrolment file the county hands a township: where to push, as whom, the county's CA, and the township's key
// sealed under a one-time code (一次性验证码) that the county's screen shows once and the county keeps nowhere. The
// file alone opens nothing: a copy left on a shared PC or sent by mail is of no use without the code, told in person
// or by phone. The key is AES-256-GCM under scrypt of the code; the file's other fields are the cipher's additional
// data, so a file whose address or CA was changed does not open either. Guessing the code offline costs a scrypt per
// guess over 32^10 codes; the township's screen, an oracle anyone at its PC can ask, counts and audits its guesses.
import crypto from 'node:crypto';

import { AppError } from '../../shared/domain/result';

/** What the township keeps (county_link): the county's address, its CA, the township's role and key. */
export interface Enrolment {
  format: 'bianmin-county-enrolment';
  county: string;
  code: string;
  township: string;
  url: string;
  role: string;
  key: string;
  /** The CA of the county's server (PEM): the township then connects with sslmode=verify-full. */
  ca?: string;
}

interface Sealed {
  kdf: 'scrypt';
  n: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  key: string;
}

/** The file as handed over: the enrolment with its key sealed. */
export type EnrolmentFile = Omit<Enrolment, 'key'> & { sealed: Sealed };

/** What the county makes: the enrolment, the file to hand over and the code to tell, once. */
export interface Issued extends Enrolment {
  file: EnrolmentFile;
  oneTimeCode: string;
}

// Read aloud and typed from a phone call: no 0/O, no 1/I. 10 characters of 32 are 50 bits.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_LENGTH = 10;
// About 0.1 s and 32 MB a try: nothing at the township's screen, a great deal for 2^50 guesses.
const SCRYPT = { n: 2 ** 15, r: 8, p: 1 };

/** A fresh code, shown in two groups of five (ABCDE-FGHJK); typed in any case, with or without the dash. */
export function newOneTimeCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

const typed = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');

const keyOf = (code: string, s: Pick<Sealed, 'n' | 'r' | 'p' | 'salt'>) =>
  crypto.scryptSync(typed(code), Buffer.from(s.salt, 'base64'), 32, {
    N: s.n,
    r: s.r,
    p: s.p,
    maxmem: 256 * s.n * s.r,
  });

/** The fields the seal covers besides the key, in a fixed order. */
const covered = (e: Omit<Enrolment, 'key'>) =>
  Buffer.from(JSON.stringify([e.format, e.county, e.code, e.township, e.url, e.role, e.ca ?? null]));

/** Seals the enrolment's key under a fresh one-time code. */
export function sealEnrolment(e: Enrolment): { file: EnrolmentFile; oneTimeCode: string } {
  const oneTimeCode = newOneTimeCode();
  const { key, ...open } = e;
  const salt = crypto.randomBytes(16).toString('base64');
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyOf(oneTimeCode, { ...SCRYPT, salt }), iv);
  cipher.setAAD(covered(open));
  const sealed = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
  const file: EnrolmentFile = {
    ...open,
    sealed: {
      kdf: 'scrypt',
      ...SCRYPT,
      salt,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      key: sealed.toString('base64'),
    },
  };
  return { file, oneTimeCode };
}

/** The key that signs a township's carried files: derived from its enrolment key, so the county keeps no password. */
export const carryKey = (key: string) => crypto.createHmac('sha256', key).update('bianmin county carry').digest();

/**
 * A township's login role: named from its key, never from its code, since every role of a PostgreSQL server can list
 * every other role's name. The county finds it from the carry key it keeps (0005 renames the older roles so).
 */
export const roleOf = (key: string) => {
  const digest = crypto.createHash('sha256').update('bianmin county role').update(carryKey(key)).digest('hex');
  return `township_${digest.slice(0, 16)}`;
};

const notOurs = (detail = '') => new AppError('VALIDATION', `这不是县民政局发放的登记文件${detail}`, 'file');

/** The file's fields, checked; a file of an older county program holds the key in clear (`key`), and is taken. */
function fieldsOf(text: string): EnrolmentFile | Enrolment {
  let e: Partial<EnrolmentFile & Enrolment>;
  try {
    e = JSON.parse(text) as Partial<EnrolmentFile & Enrolment>;
  } catch {
    throw notOurs();
  }
  const s = e.sealed;
  const ok =
    e.format === 'bianmin-county-enrolment' &&
    typeof e.county === 'string' &&
    /^\d{12}$/.test(e.code ?? '') &&
    typeof e.township === 'string' &&
    /^postgres(ql)?:\/\//.test(e.url ?? '') &&
    /^township_[0-9a-z]{12,20}$/.test(e.role ?? '') &&
    (e.ca === undefined || (typeof e.ca === 'string' && e.ca.includes('BEGIN CERTIFICATE'))) &&
    (s
      ? s.kdf === 'scrypt' &&
        [s.n, s.r, s.p].every((x) => Number.isInteger(x) && x > 0) &&
        s.n <= 2 ** 20 &&
        s.r * s.p <= 64 &&
        [s.salt, s.iv, s.tag, s.key].every((x) => typeof x === 'string')
      : typeof e.key === 'string' && e.key.length >= 16);
  if (!ok) throw notOurs('，或文件不完整');
  return e as EnrolmentFile | Enrolment;
}

/**
 * Reads an enrolment file with the code the county told. Null when the code does not open it (the caller counts
 * and audits that); a file that is not one is refused at its field.
 */
export function openEnrolment(text: string, oneTimeCode: string | undefined): Enrolment | null {
  const e = fieldsOf(text);
  if (!('sealed' in e)) return fitting(e);
  if (!oneTimeCode || !typed(oneTimeCode))
    throw new AppError('VALIDATION', '请输入县民政局告诉你的 10 位验证码', 'oneTimeCode');
  const { sealed, ...open } = e;
  const key = unseal(sealed, oneTimeCode, covered(open));
  return key === null ? null : fitting({ ...open, key });
}

function unseal(s: Sealed, oneTimeCode: string, aad: Buffer): string | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyOf(oneTimeCode, s), Buffer.from(s.iv, 'base64'));
    decipher.setAAD(aad);
    decipher.setAuthTag(Buffer.from(s.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(s.key, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The role must be the one the county made for this key (or, in an older file, the one named by the code). */
function fitting(e: Enrolment): Enrolment {
  if (e.role !== roleOf(e.key) && e.role !== `township_${e.code}`) throw notOurs('，或文件不完整');
  return e;
}
