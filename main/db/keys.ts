// The key file beside the ledger (<ledger>.keys): the ledger's random 256-bit data key, never written in clear, sealed
// to a key pair per staff member and one for the center's recovery key, whose private halves are wrapped under the
// password's scrypt. A re-key (core/rekey.ts) seals a new data key to the remaining slots without their passwords. It
// is all the sign-in screen reads: the center's name is kept here, and wrong passwords are counted here (under a
// keyed hash of the username, never the name), so a lockout holds while the ledger is still closed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/domain/result';
import { isoCn } from '../../shared/domain/time';
import type { DemoAccounts } from '../../shared/schemas/staff';
import { DEMO_ACCOUNTS } from './demoAccounts';
import { LedgerOpenError, PRIVATE_DIR, PRIVATE_FILE } from './open';
import { CURRENT_PARAMS, derive, type HashParams } from './password';

export const MAX_FAILED = 5;
export const LOCKOUT_MS = 5 * 60_000;

/**
 * What a Keyring is made with. `hashParams`: the scrypt cost of the slots it writes, today's (CURRENT_PARAMS) unless
 * given; only the unit tests that do not test hashing give a cheaper one (tests/unit/helpers.ts), injected as the
 * clock is. No production caller passes it (npm run lint checks main/), so the app never writes a cheap slot.
 */
export interface KeyringOptions {
  hashParams?: HashParams;
}

/** Bytes wrapped (AES-256-GCM) under a key derived from a secret with scrypt; every field base64. */
interface Wrap {
  salt: string;
  params: string;
  iv: string;
  tag: string;
  key: string;
}
/** Bytes encrypted (AES-256-GCM) under a key at hand: a data key sealed to a slot, an older data key, a name. */
interface Box {
  iv: string;
  tag: string;
  key: string;
}
/** A data key sealed to a slot's public key: an ephemeral X25519 key pair's public half, and the box. */
interface Sealed extends Box {
  epk: string;
}
/**
 * A staff member's (or the recovery key's) slot: an X25519 key pair, the public half in clear, the private half
 * wrapped under HKDF(scrypt(password)). Data keys are sealed to the public half, so a re-key seals the new data key to
 * every remaining slot without anyone's password, and no data key opens a slot.
 */
interface Slot {
  id: string;
  staffId: number | null;
  /** A keyed hash of the lower-cased username (`nameTag`): the sign-in finds its slot without a name in clear. */
  name: string | null;
  pub: string;
  priv: Wrap;
}
/**
 * A slot of a version-1 key file: generation `gen`'s data key wrapped straight under the password. It opens only that
 * generation; its first sign-in turns it into a Slot, and a re-key drops the ones left (需重置密码).
 */
interface LegacySlot {
  staffId: number | null;
  name: string | null;
  gen: number;
  /** The authenticated data of the old wrap names the username as it was typed once: kept boxed under the name. */
  aad: Box;
  wrap: Wrap;
}
/** One data key: sealed to each slot by id, the older data keys boxed under it (their backups), its own MAC. */
interface Generation {
  gen: number;
  sealed: Record<string, Sealed>;
  past: (Box & { gen: number })[];
  mac: string;
}
interface Counter {
  failed: number;
  lockedUntil: string | null;
}

/**
 * What the file holds (version 2). Each generation's `mac` covers everything but the counters and the MACs, which
 * change without the key. The file holds one generation, two only while a re-key switches the ledger (core/rekey.ts).
 */
interface KeyFile {
  format: 'bianmin-keys';
  version: 2;
  ledgerId: string;
  centerName: string;
  /** A demo ledger: the sign-in screen shows the demo's accounts (main/db/demoAccounts.ts), not kept here. */
  demo: boolean;
  recoveryConfirmed: boolean;
  /** The salt of the names' keyed hashes (random per file, read at the sign-in screen). */
  nameSalt: string;
  slots: Slot[];
  legacy: LegacySlot[];
  generations: Generation[];
  /** A slot was removed or the recovery key replaced: the data key must change (done at once, redone at next open). */
  rekeyDue: boolean;
  counters: Record<string, Counter>;
}

/** A version-1 file, read to be turned into version 2 at the first sign-in that unwraps its key. */
interface KeyFileV1 {
  format: 'bianmin-keys';
  version: 1;
  ledgerId: string;
  centerName: string;
  demo: unknown;
  recoveryConfirmed: boolean;
  slots: (Wrap & { staffId: number; username: string })[];
  recovery: Wrap | null;
  mac: string;
  counters: Record<string, Counter>;
}

export const keysFileOf = (ledgerFile: string) => `${path.resolve(ledgerFile)}.keys`;

/** What every refused sign-in hears: an unknown username, a wrong password, or any password to a locked account. */
export const wrongPassword = () =>
  new AppError(
    'VALIDATION',
    `用户名或密码错误，或账号因连续输错已暂时锁定（连续错误 ${MAX_FAILED} 次锁定 5 分钟），请稍后再试`,
    'password',
  );

const b64 = (b: Buffer) => b.toString('base64');
const unb64 = (s: string) => Buffer.from(s, 'base64');
const hkdf = (ikm: Buffer, info: string, salt: Buffer = Buffer.alloc(0)) =>
  Buffer.from(crypto.hkdfSync('sha256', ikm, salt, info, 32));

function box(plain: Buffer, key: Buffer, aad: string): Box {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const out = Buffer.concat([c.update(plain), c.final()]);
  return { iv: b64(iv), tag: b64(c.getAuthTag()), key: b64(out) };
}

function unbox(b: Box, key: Buffer, aad: string): Buffer | null {
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', key, unb64(b.iv));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(unb64(b.tag));
    return Buffer.concat([d.update(unb64(b.key)), d.final()]);
  } catch {
    return null;
  }
}

/** The wrapping key of a slot: the scrypt of the sign-in (kept in the ledger before slots existed), then HKDF. */
const wrappingKey = (scrypted: Buffer, aad: string) => hkdf(scrypted, `bianmin key slot ${aad}`);

function wrap(secret: Buffer, scrypted: Buffer, salt: Buffer, params: HashParams, aad: string): Wrap {
  return { salt: b64(salt), params: JSON.stringify(params), ...box(secret, wrappingKey(scrypted, aad), aad) };
}

const unwrap = (w: Wrap, scrypted: Buffer, aad: string) => unbox(w, wrappingKey(scrypted, aad), aad);

/**
 * A slot's own scrypt parameters, never costlier than today's: the counters and slots can be edited by anyone who
 * can write the file, and p = 1000 would hold the sign-in for minutes.
 */
function scryptOf(secret: string, w: Pick<Wrap, 'salt' | 'params'>): Buffer {
  let prm: HashParams;
  try {
    prm = JSON.parse(w.params) as HashParams;
  } catch {
    prm = { N: 0, r: 0, p: 0, keylen: 0 };
  }
  if (!acceptable(prm))
    throw new LedgerOpenError(
      '钥匙文件已损坏或被改动过，已拒绝使用。请从备份所在的 U 盘或备份文件夹找回原来的钥匙文件。',
    );
  return derive(secret, unb64(w.salt), prm);
}

/** Parameters a slot may have: no costlier than today's, and no cheaper than N = 2^10. */
function acceptable(prm: HashParams): boolean {
  const c = CURRENT_PARAMS;
  return prm.N >= 2 ** 10 && prm.N <= c.N && prm.r >= 1 && prm.r <= c.r && prm.p === 1 && prm.keylen === c.keylen;
}

const RECOVERY = 'recovery';
const slotIdOf = (staffId: number | null) => (staffId === null ? RECOVERY : `s${staffId}`);
/** Version 1's authenticated data: the username as stored then. */
const legacyAad = (staffId: number | null, username: string) =>
  staffId === null ? RECOVERY : `staff ${staffId} ${username}`;

// X25519 keys as JWK fields (base64url): `x` the public half, `d` the private half.
function keyPair(): { pub: string; priv: Buffer } {
  const jwk = crypto.generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
  return { pub: jwk.x!, priv: Buffer.from(jwk.d!, 'base64url') };
}
const publicKey = (x: string) => crypto.createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
const privateKey = (d: Buffer, x: string) =>
  crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x, d: d.toString('base64url') }, format: 'jwk' });

const pastAad = (ledgerId: string, gen: number) => `bianmin past ${ledgerId} ${gen}`;

/** What binds a sealed key to its ledger, generation and slot: a sealed key moved elsewhere does not open. */
const sealAad = (ledgerId: string, gen: number, slotId: string) => `bianmin seal ${ledgerId} ${gen} ${slotId}`;

/** Seals a data key to a slot's public key: ECDH with a fresh key pair, HKDF, AES-256-GCM. */
function seal(dataKey: Buffer, pub: string, aad: string): Sealed {
  const e = crypto.generateKeyPairSync('x25519');
  const shared = crypto.diffieHellman({ privateKey: e.privateKey, publicKey: publicKey(pub) });
  const epk = e.publicKey.export({ format: 'jwk' }).x!;
  return { epk, ...box(dataKey, hkdf(shared, aad, Buffer.from(epk + pub)), aad) };
}

function unseal(s: Sealed, priv: Buffer, pub: string, aad: string): Buffer | null {
  try {
    const shared = crypto.diffieHellman({ privateKey: privateKey(priv, pub), publicKey: publicKey(s.epk) });
    return unbox(s, hkdf(shared, aad, Buffer.from(s.epk + pub)), aad);
  } catch {
    return null;
  }
}

// Crockford's base32: no I, L, O or U, so a key copied by hand from paper reads back the same.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new recovery key: 160 random bits as 32 characters, shown and printed in groups of four. */
export function newRecoveryKey(): string {
  const bytes = crypto.randomBytes(32);
  return [...bytes].map((b) => ALPHABET[b & 31]).join('');
}

export const groupsOfFour = (key: string) => key.match(/.{1,4}/g)!.join('-');

/** What a person typed for a recovery key, with spaces, dashes and look-alike letters forgiven. */
export function normalizeRecoveryKey(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

const macKeyOf = (dataKey: Buffer) => hkdf(dataKey, 'bianmin key file mac');

function macOf(f: KeyFile, dataKey: Buffer): string {
  const { counters: _counters, ...covered } = f;
  const generations = covered.generations.map((g) => ({ ...g, mac: '' }));
  return crypto
    .createHmac('sha256', macKeyOf(dataKey))
    .update(JSON.stringify({ ...covered, generations }))
    .digest('base64');
}

function macOfV1(f: KeyFileV1, dataKey: Buffer): string {
  const { mac: _mac, counters: _counters, ...covered } = f;
  return crypto.createHmac('sha256', macKeyOf(dataKey)).update(JSON.stringify(covered)).digest('base64');
}

/** MACs compared in constant time: an answer's time must not tell how much of a forged MAC was right. */
function sameMac(a: string, b: string): boolean {
  const x = unb64(a);
  const y = unb64(b);
  return x.length === y.length && x.length > 0 && crypto.timingSafeEqual(x, y);
}

/** A key of this process alone: a password just proven is remembered as its HMAC under it, never in clear. */
const PROVEN_KEY = crypto.randomBytes(32);

/** Writes a file so that a crash leaves either the old one or the new one: a temporary file, synced, renamed. */
export function writeWhole(file: string, text: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
  const tmp = `${file}.partial`;
  const fd = fs.openSync(tmp, 'w', PRIVATE_FILE);
  try {
    fs.writeFileSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncFolder(path.dirname(file));
}

/** A rename is durable once its folder is synced (where the platform allows opening a folder). */
export function syncFolder(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Windows cannot open a folder; NTFS journals the rename itself.
  }
}

const broken = (file: string) =>
  new LedgerOpenError(
    `钥匙文件 ${path.basename(file)} 已损坏或被改动过，已拒绝使用。请从备份所在的 U 盘或备份文件夹找回原来的钥匙文件。`,
  );

/** A key file of version 2 with its first generation and no slot yet. */
function emptyFile(ledgerId: string, centerName: string, o = { demo: false, recoveryConfirmed: false }): KeyFile {
  return {
    format: 'bianmin-keys',
    version: 2,
    ledgerId,
    centerName,
    ...o,
    nameSalt: b64(crypto.randomBytes(16)),
    slots: [],
    legacy: [],
    generations: [{ gen: 1, sealed: {}, past: [], mac: '' }],
    rekeyDue: false,
    counters: {},
  };
}

/** A version-1 file as version 2 in memory, with its slots as legacy slots; written at the first sign-in. */
function fromV1(v1: KeyFileV1): KeyFile {
  const f = emptyFile(v1.ledgerId, v1.centerName, { demo: !!v1.demo, recoveryConfirmed: v1.recoveryConfirmed });
  for (const s of v1.slots) {
    const name = nameTag(f, s.username);
    const aad = box(Buffer.from(legacyAad(s.staffId, s.username)), nameBoxKey(f, s.username), 'legacy aad');
    const { staffId: _id, username: _u, ...w } = s;
    f.legacy.push({ staffId: s.staffId, name, gen: 1, aad, wrap: w });
  }
  if (v1.recovery) {
    const aad = box(Buffer.from(RECOVERY), nameBoxKey(f, RECOVERY), 'legacy aad');
    f.legacy.push({ staffId: null, name: null, gen: 1, aad, wrap: v1.recovery });
  }
  for (const [username, c] of Object.entries(v1.counters ?? {})) f.counters[nameTag(f, username)] = c;
  return f;
}

/** The keyed hash that stands for a username in the file (slots and counters). */
function nameTag(f: Pick<KeyFile, 'nameSalt'>, username: string): string {
  return crypto
    .createHmac('sha256', unb64(f.nameSalt))
    .update(`bianmin staff name ${username.toLowerCase()}`)
    .digest('base64');
}
const nameBoxKey = (f: Pick<KeyFile, 'nameSalt'>, username: string) =>
  hkdf(Buffer.from(username.toLowerCase()), 'bianmin legacy name', unb64(f.nameSalt));

export class Keyring {
  private constructor(
    readonly file: string,
    private f: KeyFile,
    /** The version-1 file this one was read from, until its MAC is checked and version 2 written. */
    private v1: KeyFileV1 | null,
    opts: KeyringOptions,
  ) {
    this.params = opts.hashParams ?? CURRENT_PARAMS;
    if (!acceptable(this.params)) throw new Error('scrypt parameters out of range');
  }

  /** The scrypt cost of the slots this file gets from here (KeyringOptions). */
  private readonly params: HashParams;

  /** The data keys by generation: held only while the ledger is open; empty at the sign-in screen. */
  private keys = new Map<number, Buffer>();

  /** A copy kept in the backups folder, so the backups there open with today's passwords. */
  private mirror: string | null = null;

  mirrorTo(file: string): void {
    this.mirror = file;
    writeWhole(file, this.text());
  }

  /**
   * A password just proven on a slot, as an HMAC under a key of this process: the sign-in that opened the ledger is
   * not derived twice (650 ms each). Forgotten when any slot changes, so an old password proves nothing after.
   */
  private proven: Buffer | null = null;

  /** A new ledger's key file: a fresh data key, no slot yet (the first administrator adds the first). */
  static create(file: string, ledgerId: string, centerName: string, opts: KeyringOptions = {}): Keyring {
    return Keyring.createWith(file, ledgerId, centerName, crypto.randomBytes(32), opts);
  }

  /** The key file of a ledger just encrypted with `dataKey` (db/upgrade.ts). */
  static createWith(
    file: string,
    ledgerId: string,
    centerName: string,
    dataKey: Buffer,
    opts: KeyringOptions = {},
  ): Keyring {
    const f = emptyFile(ledgerId, centerName);
    const keys = new Keyring(file, f, null, opts);
    keys.keys.set(1, dataKey);
    keys.save();
    return keys;
  }

  static exists = (file: string) => fs.existsSync(file);

  /** The key file of `ledgerFile`, unlocked by a staff member's password (a child process, a bench, a test). */
  static unlock(ledgerFile: string, username: string, password: string, now: Date, opts: KeyringOptions = {}): Keyring {
    const keys = Keyring.read(keysFileOf(ledgerFile), opts);
    const r = keys.signIn(username, password, now);
    if (r instanceof AppError) throw r;
    return keys;
  }

  static read(file: string, opts: KeyringOptions = {}): Keyring {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new LedgerOpenError(
        `找不到钥匙文件 ${path.basename(file)}：它应当和台账文件放在同一个文件夹里。没有它，台账无法打开。` +
          '请把原来的钥匙文件（或 U 盘备份旁的 .keys 文件）放回这里。',
      );
    }
    let f: KeyFile | KeyFileV1;
    try {
      f = JSON.parse(text) as KeyFile | KeyFileV1;
    } catch {
      throw broken(file);
    }
    if (f?.format !== 'bianmin-keys' || !Array.isArray(f.slots)) throw broken(file);
    if (f.version === 1) return new Keyring(file, fromV1(f), f, opts);
    if (f.version !== 2 || !Array.isArray(f.generations) || f.generations.length === 0) throw broken(file);
    f.counters ??= {};
    return new Keyring(file, f, null, opts);
  }

  get ledgerId(): string {
    return this.f.ledgerId;
  }
  get centerName(): string {
    return this.f.centerName;
  }
  get demo(): DemoAccounts | null {
    return this.f.demo ? DEMO_ACCOUNTS : null;
  }
  get recoveryConfirmed(): boolean {
    return this.f.recoveryConfirmed;
  }
  /** The newest generation: the one the ledger is keyed with once a re-key is through. */
  get generation(): number {
    return this.f.generations[this.f.generations.length - 1].gen;
  }
  /** The generations the file holds, newest first (two while a re-key switches the ledger). */
  get generations(): number[] {
    return this.f.generations.map((g) => g.gen).reverse();
  }
  /** A slot was removed or the recovery key replaced, and the data key has not changed since. */
  get rekeyDue(): boolean {
    return this.f.rekeyDue;
  }
  /** A key file no one can open: made by a first start that stopped before its administrator existed. */
  get unused(): boolean {
    return this.f.slots.length === 0 && this.f.legacy.length === 0;
  }
  private tagOf = (username: string) => nameTag(this.f, username);
  // Usernames are matched without regard to case, as the staff table does (COLLATE NOCASE): the tag is of the
  // lower-cased name.
  private slotOf = (name: string) => this.f.slots.find((s) => s.name === name);
  private legacyOf = (name: string) => this.f.legacy.find((s) => s.name === name);
  hasSlot = (staffId: number) =>
    this.f.slots.some((s) => s.staffId === staffId) || this.f.legacy.some((s) => s.staffId === staffId);
  lockedUntil = (username: string) => this.f.counters[this.tagOf(username)]?.lockedUntil ?? null;
  /** Staff whose slot is still of version 1: a re-key drops them (they need a reset by an admin). */
  get legacyStaff(): number[] {
    return this.f.legacy.flatMap((s) => (s.staffId === null ? [] : [s.staffId]));
  }

  /** The data key the ledger is keyed with (the newest generation's), once a slot has given it. */
  get key(): Buffer {
    const k = this.keys.get(this.generation);
    if (!k) throw new AppError('INTERNAL', '台账尚未解锁');
    return k;
  }

  /** The data key of generation `gen`, if a slot gave it. */
  keyFor = (gen: number): Buffer | null => this.keys.get(gen) ?? null;

  /** Every data key this file gives, newest first: the current one, then those of backups made before re-keys. */
  get allKeys(): Buffer[] {
    return this.keysByGen().map((k) => k.key);
  }

  private keysByGen(): { gen: number; key: Buffer }[] {
    const current = this.f.generations[this.f.generations.length - 1];
    const held = [...this.keys.entries()].map(([gen, key]) => ({ gen, key }));
    const past = current.past.flatMap((p) => {
      const key = unbox(p, this.key, pastAad(this.f.ledgerId, p.gen));
      return key ? [{ gen: p.gen, key }] : [];
    });
    const seen = new Set<number>();
    return [...held, ...past].sort((a, b) => b.gen - a.gen).filter((k) => !seen.has(k.gen) && !!seen.add(k.gen));
  }

  /** Takes the data keys a slot gave, after checking that the file was not edited by someone without them. */
  private accept(opened: Map<number, Buffer>): void {
    if (opened.size === 0) throw broken(this.file);
    for (const [gen, key] of opened) {
      const held = this.keys.get(gen);
      if (held && !crypto.timingSafeEqual(held, key)) throw broken(this.file);
      const g = this.f.generations.find((x) => x.gen === gen);
      if (!g) throw broken(this.file);
      if (this.v1) {
        if (!sameMac(macOfV1(this.v1, key), this.v1.mac)) throw broken(this.file);
      } else if (!sameMac(macOf(this.f, key), g.mac)) throw broken(this.file);
    }
    for (const [gen, key] of opened) this.keys.set(gen, key);
    if (this.v1) {
      // The first sign-in with the key turns the file into version 2 (the legacy slots stay until their owners sign
      // in). A read-only place (a USB stick at a restore) keeps the old file; the copy made from here is version 2.
      this.v1 = null;
      try {
        this.save();
      } catch (e) {
        if (!['EROFS', 'EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
      }
    }
  }

  /** The data keys a slot's private key opens, by generation. */
  private openSlot(slot: Slot, scrypted: Buffer): Map<number, Buffer> | null {
    const priv = unwrap(slot.priv, scrypted, slot.id);
    if (!priv) return null;
    const opened = new Map<number, Buffer>();
    for (const g of this.f.generations) {
      const s = g.sealed[slot.id];
      const k = s && unseal(s, priv, slot.pub, sealAad(this.f.ledgerId, g.gen, slot.id));
      if (k) opened.set(g.gen, k);
    }
    return opened.size ? opened : null;
  }

  private openLegacy(slot: LegacySlot, typed: string, scrypted: Buffer): Map<number, Buffer> | null {
    const aad = unbox(slot.aad, nameBoxKey(this.f, typed), 'legacy aad');
    const k = aad && unwrap(slot.wrap, scrypted, aad.toString());
    return k && this.f.generations.some((g) => g.gen === slot.gen) ? new Map([[slot.gen, k]]) : null;
  }

  private provenMark = (name: string, password: string) =>
    crypto.createHmac('sha256', PROVEN_KEY).update(`${name}\0${password}`).digest();

  /**
   * Checks a staff member's password against their slot, counting failures as sign-in always has: five in a row
   * lock the account for five minutes. The password is always derived and every refusal hears the same words, so
   * neither the answer nor its time tells whether the account exists, is locked, or was given the right password.
   */
  signIn(username: string, password: string, now: Date): { staffId: number; dataKey: Buffer } | AppError {
    const name = this.tagOf(username);
    const slot = this.slotOf(name);
    const legacy = slot ? undefined : this.legacyOf(name);
    const proven = this.proven;
    this.proven = null;
    const mark = this.provenMark(name, password);
    const again = !!proven && !!slot && this.keys.size > 0 && crypto.timingSafeEqual(proven, mark);
    // An unknown username still pays for one derivation, so timing does not reveal which usernames exist.
    const w = slot?.priv ?? legacy?.wrap ?? { salt: b64(Buffer.alloc(16)), params: JSON.stringify(this.params) };
    const scrypted = again ? null : scryptOf(password, w);
    if (!slot && !legacy) return wrongPassword();
    const opened = again ? null : slot ? this.openSlot(slot, scrypted!) : this.openLegacy(legacy!, username, scrypted!);
    const counter = this.f.counters[name] ?? { failed: 0, lockedUntil: null };
    // A locked account answers every password, the right one too, as a wrong one (after the same derivation), and
    // its tries are not counted: an answer that differed would let guessing go on through the lock.
    // A lock is never longer than LOCKOUT_MS from now: the counters are outside the MAC, and an edited one must not
    // lock an account for ever.
    const until = counter.lockedUntil;
    if (until && until > isoCn(now) && until <= isoCn(new Date(now.getTime() + LOCKOUT_MS))) return wrongPassword();
    if (!again && !opened) {
      const failed = counter.failed + 1;
      const lockedUntil = failed >= MAX_FAILED ? isoCn(new Date(now.getTime() + LOCKOUT_MS)) : null;
      this.f.counters[name] = { failed: lockedUntil ? 0 : failed, lockedUntil };
      this.saveCounters();
      return wrongPassword();
    }
    if (opened) this.accept(opened);
    const staffId = (slot ?? legacy)!.staffId!;
    if (legacy && this.f.generations.every((g) => this.keys.has(g.gen))) {
      // A version-1 slot becomes a key pair at its first sign-in, under the same derivation (no second 650 ms).
      this.putSlot(staffId, username, scrypted!, unb64(legacy.wrap.salt), JSON.parse(legacy.wrap.params));
    } else if (this.f.counters[name]) {
      delete this.f.counters[name];
      this.saveCounters();
    }
    this.proven = again || legacy ? null : mark;
    return { staffId, dataKey: this.key };
  }

  /** The data key from the recovery key, or null when it is not this ledger's. */
  recover(typed: string): Buffer | null {
    const normal = normalizeRecoveryKey(typed);
    const slot = this.f.slots.find((s) => s.id === RECOVERY);
    const legacy = slot ? undefined : this.f.legacy.find((s) => s.staffId === null);
    const w = slot?.priv ?? legacy?.wrap;
    if (!w) return null;
    const scrypted = scryptOf(normal, w);
    const opened = slot ? this.openSlot(slot, scrypted) : this.openLegacy(legacy!, RECOVERY, scrypted);
    if (!opened) return null;
    this.accept(opened);
    if (legacy) this.putSlot(null, RECOVERY, scrypted, unb64(w.salt), JSON.parse(w.params));
    return this.key;
  }

  /** A staff member's slot for this password (a new account, a changed or reset password). */
  setSlot(staffId: number, username: string, password: string): void {
    const salt = crypto.randomBytes(16);
    this.setSlotFromScrypt(staffId, username, derive(password, salt, this.params), salt, this.params);
  }

  /** A slot from a password's scrypt already at hand (a plain ledger's staff table, at its upgrade). */
  setSlotFromScrypt(staffId: number, username: string, scrypted: Buffer, salt: Buffer, params: HashParams): void {
    this.putSlot(staffId, username, scrypted, salt, params);
  }

  /**
   * A new key pair for a slot (staff, or null for the recovery key), its private half wrapped under the secret's
   * scrypt, and every data key this file holds sealed to it. The old pair goes: an old password opens no copy of
   * the file written from now on, and none of the data keys of later re-keys.
   */
  private putSlot(staffId: number | null, username: string, scrypted: Buffer, salt: Buffer, params: HashParams): void {
    const id = slotIdOf(staffId);
    const pair = keyPair();
    const slot: Slot = {
      id,
      staffId,
      name: staffId === null ? null : this.tagOf(username),
      pub: pair.pub,
      priv: wrap(pair.priv, scrypted, salt, params, id),
    };
    for (const g of this.f.generations) {
      const key = this.keys.get(g.gen);
      if (!key) throw new AppError('INTERNAL', '台账尚未解锁');
      g.sealed[id] = seal(key, pair.pub, sealAad(this.f.ledgerId, g.gen, id));
    }
    this.f.slots = [...this.f.slots.filter((s) => s.id !== id), slot];
    this.f.legacy = this.f.legacy.filter((s) => s.staffId !== staffId);
    if (slot.name) delete this.f.counters[slot.name];
    this.proven = null;
    this.save();
  }

  /** A deactivated staff member's slot goes, and the data key is due to change: see core/rekey.ts. */
  removeSlot(staffId: number): void {
    if (!this.hasSlot(staffId)) return;
    const id = slotIdOf(staffId);
    this.f.slots = this.f.slots.filter((s) => s.id !== id);
    this.f.legacy = this.f.legacy.filter((s) => s.staffId !== staffId);
    for (const g of this.f.generations) delete g.sealed[id];
    this.f.rekeyDue = true;
    this.proven = null;
    this.save();
  }

  /**
   * A new recovery key replaces the old one, which stops working; it is answered once, to be shown and printed. A
   * replaced one makes the data key due to change (an old key file opens with the old recovery key).
   */
  newRecovery(): string {
    const key = newRecoveryKey();
    const salt = crypto.randomBytes(16);
    const replaced = this.f.slots.some((s) => s.id === RECOVERY) || this.f.legacy.some((s) => s.staffId === null);
    if (replaced) this.f.rekeyDue = true;
    this.f.recoveryConfirmed = false;
    this.putSlot(null, RECOVERY, derive(key, salt, this.params), salt, this.params);
    return key;
  }

  /** The administrator typed the recovery key back (checked with `recover`): it is written down right. */
  confirmRecovery(): void {
    this.f.recoveryConfirmed = true;
    this.save();
  }

  describe(centerName: string, demo: boolean = this.f.demo): void {
    if (centerName === this.f.centerName && demo === this.f.demo) return;
    Object.assign(this.f, { centerName, demo });
    this.save();
  }

  /**
   * The first step of a re-key: a new generation, `dataKey` sealed to every slot that has a key pair (a version-1
   * slot cannot follow: it is dropped when the switch settles), the older keys boxed under it for the backups made
   * before. Both generations are in the file until `settle`, so a crash leaves a file that opens the ledger
   * whichever key it has.
   */
  addGeneration(dataKey: Buffer): number {
    const gen = this.generation + 1;
    const next: Generation = {
      gen,
      sealed: Object.fromEntries(
        this.f.slots.map((s) => [s.id, seal(dataKey, s.pub, sealAad(this.f.ledgerId, gen, s.id))]),
      ),
      past: this.keysByGen().map((k) => ({ gen: k.gen, ...box(k.key, dataKey, pastAad(this.f.ledgerId, k.gen)) })),
      mac: '',
    };
    this.f.generations = [...this.f.generations, next];
    this.keys.set(gen, dataKey);
    this.save();
    return gen;
  }

  /** Keeps generation `gen` alone: the one that opens the ledger once a re-key is through (or cut short). */
  settle(gen: number): void {
    if (this.f.generations.length === 1 && this.f.generations[0].gen === gen) return;
    const newest = this.generation;
    this.f.generations = this.f.generations.filter((g) => g.gen === gen);
    for (const k of [...this.keys.keys()]) if (k !== gen) this.keys.delete(k);
    this.f.legacy = this.f.legacy.filter((s) => s.gen === gen);
    if (gen === newest) this.f.rekeyDue = false;
    this.save();
  }

  /** The same keys, written beside a backup (a USB stick) or into the backups folder. */
  copyTo(file: string): void {
    writeWhole(file, this.text());
  }

  private text = () => JSON.stringify(this.f, null, 1);

  private save(): void {
    for (const g of this.f.generations) {
      const key = this.keys.get(g.gen);
      if (!key) throw new AppError('INTERNAL', '台账尚未解锁');
      g.mac = '';
    }
    const macs = this.f.generations.map((g) => macOf(this.f, this.keys.get(g.gen)!));
    this.f.generations.forEach((g, i) => (g.mac = macs[i]));
    this.saveCounters();
  }

  /** Counters change without the data key (a wrong password at the sign-in screen), outside the MAC. */
  private saveCounters(): void {
    if (this.v1) return; // a version-1 file is rewritten whole, as version 2, once its key is known
    writeWhole(this.file, this.text());
    if (this.mirror) writeWhole(this.mirror, this.text());
  }
}
