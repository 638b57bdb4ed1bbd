// The ledger behind its lock, in front of the dispatcher: until someone signs in, only the key file beside the ledger
// is read (the sign-in screen's center name, the slots). A sign-in unwraps the data key and opens the ledger, which
// then stays open until exit; from then on every call goes straight to the dispatcher. Both transports call this.
import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3-multiple-ciphers';

import { type Channel, contract } from '../shared/contract';
import { AppError, type Result } from '../shared/domain/result';
import { dateCn, isoCn } from '../shared/domain/time';
import type { DoorState } from '../shared/schemas/keys';
import { DEFAULT_CENTER } from '../shared/schemas/settings';
import { checkBackup, markRestored, rekeyCopy } from './core/backupFiles';
import type { Clock } from './core/clock';
import { type CountyOffice, createDispatcher, type Dispatcher, type Handlers, type Session } from './core/dispatch';
import { Ledger } from './core/ledger';
import { rekeySoon } from './core/rekey';
import { type OfficeStart, openOffice } from './county/office';
import { startPushing } from './county/push';
import { Keyring, keysFileOf } from './db/keys';
import { lockLedger } from './db/lock';
import {
  checkIntact,
  checkPlace,
  isNetworkPath,
  isPlain,
  LedgerOpenError,
  networkShare,
  PRIVATE_FILE,
} from './db/open';
import { encryptLedger } from './db/upgrade';

export interface Desk extends Dispatcher {
  /** The open ledger, once someone has signed in (or a first start made it). */
  readonly ledger: Ledger | null;
  /** Makes a new ledger here (first start, or --demo on an empty place). */
  create(): Promise<Ledger>;
  close(): Promise<void>;
}

const fail = (e: AppError | LedgerOpenError): Result<never> => ({
  ok: false,
  error: e instanceof AppError ? e.toBody() : { code: 'VALIDATION', message: e.message },
});

/** The center's name in a plain ledger of an earlier version (no key needed), for its encryption screen. */
function plainCenterName(file: string): string | null {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const r = db.prepare(`SELECT value FROM settings WHERE key = 'center'`).get() as { value: string } | undefined;
    return r ? (JSON.parse(r.value) as { name: string }).name : null;
  } finally {
    db.close();
  }
}

const countyUnreachable = (e: Error): never => {
  throw e instanceof AppError ? e : new AppError('VALIDATION', `连不上县级汇总库：${e.message}`);
};

/** The key file that travels beside a backup on a USB stick (see core/backup.ts). */
const keysBeside = (backup: string) => backup.replace(/\.sqlite$/, '.keys');

/**
 * Takes the place of the ledger at start: an unsafe place (a network share, a folder, no write access) or a second
 * program on the same ledger is refused before the sign-in screen, as when the ledger itself opened at start.
 */
export function createDesk(
  file: string,
  opts: { clock: Clock; handlers: Handlers; /** Runs as the county office (--county, --pg). */ office?: OfficeStart },
): Desk {
  if (isNetworkPath(file, '')) throw networkShare(file); // before path.resolve makes //server/share /server/share
  const abs = path.resolve(file);
  checkPlace(abs);
  // A plain ledger needs no key to be checked: a damaged one is refused now, not after its admin's sign-in.
  if ((fs.statSync(abs, { throwIfNoEntry: false })?.size ?? 0) > 0 && isPlain(abs)) checkIntact(abs, null);
  const release = lockLedger(abs, isoCn(opts.clock()));
  const keysFile = keysFileOf(abs);
  let ledger: Ledger | null = null;
  /** Stops the background push to the county (county/push.ts) of the open ledger. */
  let stopPushing = () => {};
  /** The county office's PostgreSQL, opened with the office's ledger and kept until exit. */
  let office: CountyOffice | null = null;
  let dispatcher: Dispatcher | null = null;
  // Door calls run one at a time: two sign-ins at once must not open the ledger twice.
  let queue: Promise<unknown> = Promise.resolve();

  const hasLedger = () => (fs.statSync(abs, { throwIfNoEntry: false })?.size ?? 0) > 0;

  function doorState(): DoorState {
    const none: DoorState = {
      needsAdmin: !hasLedger(),
      centerName: DEFAULT_CENTER.name,
      demo: null,
      plain: false,
      recoveryPending: false,
      county: !!opts.office,
    };
    if (!hasLedger()) return none;
    if (isPlain(abs)) return { ...none, plain: true, centerName: plainCenterName(abs) ?? none.centerName };
    if (!Keyring.exists(keysFile)) return none;
    const keys = Keyring.read(keysFile);
    return { ...none, centerName: keys.centerName, demo: keys.demo, recoveryPending: !keys.recoveryConfirmed };
  }

  async function open(keys?: Keyring): Promise<Ledger> {
    if (opts.office && !office) office = await openOffice(abs, opts.office).catch(countyUnreachable);
    ledger = await Ledger.open(abs, { clock: opts.clock, keys });
    dispatcher = createDispatcher(ledger, opts.handlers, { office });
    // A re-key that was due (a deactivation or a new recovery key, then a kill or an exit) runs now.
    if (ledger.keys.rekeyDue) rekeySoon(ledger, 'due at open');
    // The county office has no township to push: its rows are the townships'.
    if (!office) stopPushing = startPushing(ledger);
    return ledger;
  }

  /** A USB backup and the key file beside it, opened by a password or the recovery key, made this place's ledger. */
  function restoreFrom(input: { file: string; username?: string; password?: string; recoveryKey?: string }): void {
    if (hasLedger()) throw new AppError('CONFLICT', '这里已经有台账了：请登录后在“设置 → 备份”里恢复', 'file');
    // One answer for a path that is missing, a file without its key file beside it, or one that cannot be read: this
    // call runs before anyone has signed in, so it must not tell which paths exist on this PC.
    const unusable = new AppError(
      'VALIDATION',
      '无法使用这个备份：请选择 U 盘上的备份文件，并把与它同名的 .keys 钥匙文件放在它旁边',
      'file',
    );
    if (!fs.existsSync(input.file) || !Keyring.exists(keysBeside(input.file))) throw unusable;
    let keys: Keyring;
    try {
      keys = Keyring.read(keysBeside(input.file));
    } catch {
      throw unusable;
    }
    let key: Buffer | null;
    if (input.recoveryKey) {
      key = keys.recover(input.recoveryKey);
      if (!key) throw new AppError('VALIDATION', '恢复密钥不对，或不是这个备份的', 'recoveryKey');
    } else {
      const r = keys.signIn(input.username ?? '', input.password ?? '', opts.clock());
      if (r instanceof AppError) throw r;
      key = r.dataKey;
    }
    const opens = checkBackup(input.file, keys.allKeys, keys.ledgerId);
    // The key file first: a crash before the ledger's rename leaves a key file alone, which a restore overwrites.
    keys.copyTo(keysFile);
    const partial = `${abs}.restoring`;
    fs.copyFileSync(input.file, partial);
    fs.chmodSync(partial, PRIVATE_FILE);
    rekeyCopy(partial, opens, key);
    markRestored(partial, key, opts.clock());
    fs.renameSync(partial, abs);
  }

  async function door(session: Session, channel: Channel, input: unknown): Promise<Result<unknown>> {
    const parsed = contract[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { ok: false, error: { code: 'VALIDATION', message: issue.message, field: issue.path.join('.') } };
    }
    const data = parsed.data as {
      username: string;
      password: string;
      folder: string;
      recoveryKey: string;
      file: string;
    };
    switch (channel) {
      case 'setup.state':
        return { ok: true, value: doorState() };
      case 'session.state':
        return {
          ok: true,
          value: {
            staff: null,
            locked: false,
            idleLockMinutes: DEFAULT_CENTER.idleLockMinutes,
            today: dateCn(opts.clock()),
          },
        };
      case 'setup.createAdmin':
        if (hasLedger()) return fail(new AppError('CONFLICT', '管理员已经创建过了，请直接登录'));
        await open();
        break;
      case 'session.signIn':
      case 'session.recover': {
        if (!hasLedger()) return fail(new AppError('VALIDATION', '还没有台账：请先创建管理员'));
        if (isPlain(abs)) return fail(new AppError('VALIDATION', '台账需要先加密：请由管理员在登录页完成加密'));
        const keys = Keyring.read(keysFile);
        if (channel === 'session.recover') {
          if (!keys.recover(data.recoveryKey))
            return fail(new AppError('VALIDATION', '恢复密钥不对：请对照保存的那一页逐组核对', 'recoveryKey'));
        } else {
          const r = keys.signIn(data.username, data.password, opts.clock());
          if (r instanceof AppError) return fail(r);
        }
        await open(keys);
        break;
      }
      case 'setup.encrypt': {
        if (!hasLedger() || !isPlain(abs)) return fail(new AppError('CONFLICT', '台账已经加密'));
        const done = await encryptLedger(abs, { ...data, now: opts.clock() });
        await open(done.keys);
        const signedIn = await dispatcher!.dispatch(session, 'session.signIn', data);
        if (!signedIn.ok) return signedIn;
        return { ok: true, value: { recoveryKey: done.recoveryKey, plainBackup: done.plainBackup } };
      }
      case 'setup.restore':
        restoreFrom(data);
        return { ok: true, value: { restored: true } };
      default:
        return fail(new AppError('FORBIDDEN', '请先登录'));
    }
    return dispatcher!.dispatch(session, channel, input);
  }

  return {
    get ledger() {
      return ledger;
    },
    async dispatch(session, channel, input) {
      if (dispatcher) return dispatcher.dispatch(session, channel, input);
      if (!(channel in contract)) return { ok: false, error: { code: 'NOT_FOUND', message: '未知的操作' } };
      const run = queue.then(async () => {
        if (dispatcher) return dispatcher.dispatch(session, channel, input);
        try {
          return await door(session, channel as Channel, input);
        } catch (e) {
          if (e instanceof AppError || e instanceof LedgerOpenError) return fail(e);
          console.error(`[desk] ${channel}:`, e);
          return fail(new AppError('INTERNAL', `内部错误：${(e as Error).message}`));
        }
      });
      queue = run.catch(() => {});
      return run;
    },
    create: () => open(),
    async close() {
      try {
        stopPushing();
        await office?.close();
        await ledger?.close({ backup: true });
      } finally {
        release();
      }
    },
  };
}
