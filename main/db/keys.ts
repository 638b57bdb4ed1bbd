// The key file beside the ledger (<ledger>.keys): the ledger's random 256-bit data key, never written in clear,
// wrapped once per staff member with a key derived from their password (the sign-in's own scrypt) and once with the
// center's recovery key. It is all the sign-in screen reads: the center's name is kept here, and wrong passwords are
// counted here, so a lockout holds while the ledger is still closed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { AppError } from '../../shared/domain/result';
import { isoCn } from '../../shared/domain/time';
import type { DemoAccounts } from '../../shared/schemas/staff';
import { CURRENT_PARAMS, derive, type HashParams } from '../services/password';
import { LedgerOpenError, PRIVATE_DIR, PRIVATE_FILE } from './open';

export const MAX_FAILED = 5;
export const LOCKOUT_MS = 5 * 60_000;

/** A data key wrapped (AES-256-GCM) under a key derived from a secret with scrypt; every field base64. */
interface Wrap {
  salt: string;
  params: string;
  iv: string;
  tag: string;
  key: string;
}
interface Slot extends Wrap {
  staffId: number;
  username: string;
}
interface Counter {
  failed: number;
  lockedUntil: string | null;
}

/** What the file holds. `mac` covers everything but the counters, which change without the key. */
interface KeyFile {
  format: 'bianmin-keys';
  version: 1;
  ledgerId: string;
  centerName: string;
  demo: DemoAccounts | null;
  recoveryConfirmed: boolean;
  slots: Slot[];
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

/** The wrapping key of a slot: the scrypt of the sign-in (kept in the ledger before slots existed), then HKDF. */
function wrappingKey(scrypted: Buffer, aad: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', scrypted, Buffer.alloc(0), `bianmin key slot ${aad}`, 32));
}

function wrap(dataKey: Buffer, scrypted: Buffer, salt: Buffer, params: HashParams, aad: string): Wrap {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', wrappingKey(scrypted, aad), iv);
  c.setAAD(Buffer.from(aad));
  const key = Buffer.concat([c.update(dataKey), c.final()]);
  return { salt: b64(salt), params: JSON.stringify(params), iv: b64(iv), tag: b64(c.getAuthTag()), key: b64(key) };
}

function unwrap(w: Wrap, scrypted: Buffer, aad: string): Buffer | null {
  try {
    const d = crypto.createDecipheriv('aes-256-gcm', wrappingKey(scrypted, aad), unb64(w.iv));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(unb64(w.tag));
    return Buffer.concat([d.update(unb64(w.key)), d.final()]);
  } catch {
    return null;
  }
}

const scryptOf = (secret: string, w: Pick<Wrap, 'salt' | 'params'>) =>
  derive(secret, unb64(w.salt), JSON.parse(w.params) as HashParams);

const slotAad = (s: { staffId: number; username: string }) => `staff ${s.staffId} ${s.username}`;
const RECOVERY_AAD = 'recovery';

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

function macOf(f: KeyFile, dataKey: Buffer): string {
  const { mac: _mac, counters: _counters, ...covered } = f;
  const macKey = Buffer.from(crypto.hkdfSync('sha256', dataKey, Buffer.alloc(0), 'bianmin key file mac', 32));
  return crypto.createHmac('sha256', macKey).update(JSON.stringify(covered)).digest('base64');
}

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

export class Keyring {
  private constructor(
    readonly file: string,
    private f: KeyFile,
    /** Held only while the ledger is open; null for a key file read at the sign-in screen. */
    private dataKey: Buffer | null,
  ) {}

  /** A copy kept in the backups folder, so the backups there open with today's passwords. */
  private mirror: string | null = null;

  mirrorTo(file: string): void {
    this.mirror = file;
    writeWhole(file, this.text());
  }

  /** A password just proven on a slot: the sign-in that opened the ledger is not derived twice (650 ms each). */
  private proven: { username: string; password: string } | null = null;

  /** A new ledger's key file: a fresh data key, no slot yet (the first administrator adds the first). */
  static create(file: string, ledgerId: string, centerName: string): Keyring {
    return Keyring.createWith(file, ledgerId, centerName, crypto.randomBytes(32));
  }

  /** The key file of a ledger just encrypted with `dataKey` (db/upgrade.ts). */
  static createWith(file: string, ledgerId: string, centerName: string, dataKey: Buffer): Keyring {
    const f: KeyFile = {
      format: 'bianmin-keys',
      version: 1,
      ledgerId,
      centerName,
      demo: null,
      recoveryConfirmed: false,
      slots: [],
      recovery: null,
      mac: '',
      counters: {},
    };
    const keys = new Keyring(file, f, dataKey);
    keys.save();
    return keys;
  }

  static exists = (file: string) => fs.existsSync(file);

  /** The key file of `ledgerFile`, unlocked by a staff member's password (a child process, a bench, a test). */
  static unlock(ledgerFile: string, username: string, password: string, now: Date): Keyring {
    const keys = Keyring.read(keysFileOf(ledgerFile));
    const r = keys.signIn(username, password, now);
    if (r instanceof AppError) throw r;
    return keys;
  }

  static read(file: string): Keyring {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new LedgerOpenError(
        `找不到钥匙文件 ${path.basename(file)}：它应当和台账文件放在同一个文件夹里。没有它，台账无法打开。` +
          '请把原来的钥匙文件（或 U 盘备份旁的 .keys 文件）放回这里。',
      );
    }
    let f: KeyFile;
    try {
      f = JSON.parse(text) as KeyFile;
    } catch {
      throw broken(file);
    }
    if (f.format !== 'bianmin-keys' || f.version !== 1 || !Array.isArray(f.slots)) throw broken(file);
    f.counters ??= {};
    return new Keyring(file, f, null);
  }

  get ledgerId(): string {
    return this.f.ledgerId;
  }
  get centerName(): string {
    return this.f.centerName;
  }
  get demo(): DemoAccounts | null {
    return this.f.demo;
  }
  get recoveryConfirmed(): boolean {
    return this.f.recoveryConfirmed;
  }
  /** A key file no one can open: made by a first start that stopped before its administrator existed. */
  get unused(): boolean {
    return this.f.slots.length === 0 && !this.f.recovery;
  }
  // Usernames are matched without regard to case, as the staff table does (COLLATE NOCASE).
  private slotOf = (username: string) => this.f.slots.find((s) => s.username.toLowerCase() === username.toLowerCase());
  hasSlot = (staffId: number) => this.f.slots.some((s) => s.staffId === staffId);
  lockedUntil = (username: string) =>
    this.f.counters[this.slotOf(username)?.username ?? username.toLowerCase()]?.lockedUntil ?? null;

  /** The data key, once a slot has given it (or the ledger was made here). */
  get key(): Buffer {
    if (!this.dataKey) throw new AppError('INTERNAL', '台账尚未解锁');
    return this.dataKey;
  }

  /** Takes the data key a slot gave, after checking that the file was not edited by someone without it. */
  private accept(dataKey: Buffer): Buffer {
    if (this.dataKey && !crypto.timingSafeEqual(this.dataKey, dataKey)) throw broken(this.file);
    if (macOf(this.f, dataKey) !== this.f.mac) throw broken(this.file);
    this.dataKey = dataKey;
    return dataKey;
  }

  /**
   * Checks a staff member's password against their slot, counting failures as sign-in always has: five in a row
   * lock the account for five minutes. The password is always derived and every refusal hears the same words, so
   * neither the answer nor its time tells whether the account exists, is locked, or was given the right password.
   */
  signIn(username: string, password: string, now: Date): { staffId: number; dataKey: Buffer } | AppError {
    const slot = this.slotOf(username);
    username = slot?.username ?? username.toLowerCase();
    const proven = this.proven;
    this.proven = null;
    const again = proven && slot && proven.username === username && proven.password === password;
    const scrypted = again ? null : scryptOf(password, slot ?? { salt: b64(Buffer.alloc(16)), params: DUMMY });
    if (!slot) return wrongPassword();
    const dataKey = again ? this.key : unwrap(slot, scrypted!, slotAad(slot));
    const counter = this.f.counters[username] ?? { failed: 0, lockedUntil: null };
    // A locked account answers every password, the right one too, as a wrong one (after the same derivation), and
    // its tries are not counted: an answer that differed would let guessing go on through the lock.
    if (counter.lockedUntil && counter.lockedUntil > isoCn(now)) return wrongPassword();
    if (!dataKey) {
      const failed = counter.failed + 1;
      const lockedUntil = failed >= MAX_FAILED ? isoCn(new Date(now.getTime() + LOCKOUT_MS)) : null;
      this.f.counters[username] = { failed: lockedUntil ? 0 : failed, lockedUntil };
      this.saveCounters();
      return wrongPassword();
    }
    this.accept(dataKey);
    if (this.f.counters[username]) {
      delete this.f.counters[username];
      this.saveCounters();
    }
    this.proven = again ? null : { username, password };
    return { staffId: slot.staffId, dataKey };
  }

  /** The data key from the recovery key, or null when it is not this ledger's. */
  recover(typed: string): Buffer | null {
    const w = this.f.recovery;
    if (!w) return null;
    const dataKey = unwrap(w, scryptOf(normalizeRecoveryKey(typed), w), RECOVERY_AAD);
    return dataKey && this.accept(dataKey);
  }

  /** A staff member's slot for this password (a new account, a changed or reset password). */
  setSlot(staffId: number, username: string, password: string): void {
    const salt = crypto.randomBytes(16);
    this.setSlotFromScrypt(staffId, username, derive(password, salt, CURRENT_PARAMS), salt, CURRENT_PARAMS);
  }

  /** A slot from a password's scrypt already at hand (a plain ledger's staff table, at its upgrade). */
  setSlotFromScrypt(staffId: number, username: string, scrypted: Buffer, salt: Buffer, params: HashParams): void {
    const aad = slotAad({ staffId, username });
    const slot = { staffId, username, ...wrap(this.key, scrypted, salt, params, aad) };
    this.f.slots = [...this.f.slots.filter((s) => s.staffId !== staffId), slot];
    delete this.f.counters[username];
    this.save();
  }

  /** A deactivated staff member's password opens nothing any more. */
  removeSlot(staffId: number): void {
    if (!this.hasSlot(staffId)) return;
    this.f.slots = this.f.slots.filter((s) => s.staffId !== staffId);
    this.save();
  }

  /** A new recovery key replaces the old one, which stops working; it is answered once, to be shown and printed. */
  newRecovery(): string {
    const key = newRecoveryKey();
    const salt = crypto.randomBytes(16);
    this.f.recovery = wrap(this.key, derive(key, salt, CURRENT_PARAMS), salt, CURRENT_PARAMS, RECOVERY_AAD);
    this.f.recoveryConfirmed = false;
    this.save();
    return key;
  }

  /** The administrator typed the recovery key back (checked with `recover`): it is written down right. */
  confirmRecovery(): void {
    this.f.recoveryConfirmed = true;
    this.save();
  }

  describe(centerName: string, demo: DemoAccounts | null = this.f.demo): void {
    if (centerName === this.f.centerName && JSON.stringify(demo) === JSON.stringify(this.f.demo)) return;
    Object.assign(this.f, { centerName, demo });
    this.save();
  }

  /** The same keys, written beside a backup (a USB stick) or into the backups folder. */
  copyTo(file: string): void {
    writeWhole(file, this.text());
  }

  private text = () => JSON.stringify(this.f, null, 1);

  private save(): void {
    this.f.mac = macOf(this.f, this.key);
    this.saveCounters();
  }

  /** Counters change without the data key (a wrong password at the sign-in screen), outside the MAC. */
  private saveCounters(): void {
    writeWhole(this.file, this.text());
    if (this.mirror) writeWhole(this.mirror, this.text());
  }
}

// An unknown username still pays for one derivation, so timing does not reveal which usernames exist.
const DUMMY = JSON.stringify(CURRENT_PARAMS);
