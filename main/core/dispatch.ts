// The one entry both transports call: channel → session and role → schema → handler in a transaction → envelope.
import type pg from 'pg';

import { type Channel, type Contract, contract, isChannel, type Output, type Parsed } from '../../shared/contract';
import { AppError, type AppErrorBody, type Result } from '../../shared/domain/result';
import { type Role, ROLE_LABELS } from '../../shared/domain/roles';
import { isoCn } from '../../shared/domain/time';
import { DEFAULT_CENTER } from '../../shared/schemas/settings';
import type { StaffMember } from '../../shared/schemas/staff';
import { type DB, prep } from '../db/open';
import { writeAudit } from './auditRows';
import type { Ledger } from './ledger';

/** One signed-in seat: the web host binds it to its token, Electron to its window. */
export interface Session {
  staff: StaffMember | null;
  locked: boolean;
  lastSeen: number;
}

export const newSession = (): Session => ({ staff: null, locked: false, lastSeen: 0 });

export interface Ctx {
  db: DB;
  ledger: Ledger;
  session: Session;
  channel: Channel;
  now: Date;
  /** The county's PostgreSQL, when this program runs as the county office (--county, --pg); null in a township. */
  office: CountyOffice | null;
  /**
   * Writes the audit row of this call, in its transaction (a task's, in one of its own); `actor` defaults to the
   * signed-in staff member.
   */
  audit(entity: string, entityId: string | number | null, before: unknown, after: unknown, actor?: number): void;
  /**
   * An audit row that stays when the call is refused: a lookup of a hidden value counts whether or not the call goes
   * on to succeed (core/idLookups.ts), so its row is written again after a rollback.
   */
  auditAlways(entity: string, entityId: string | number | null, before: unknown, after: unknown): void;
  /**
   * Holds every other call while `work` keeps one transaction open across awaits (an import's write): this call's
   * own audit rows go into that transaction (ledger.ts `hold`).
   */
  hold<T>(work: () => Promise<T>): Promise<T>;
}

/** A refusal that still commits what the handler wrote (a failed sign-in counts the attempt). */
export class Failure {
  constructor(readonly error: AppError) {}
}

type Mode<C extends Channel> = Contract[C]['mode'];
export type Handler<C extends Channel> = (
  ctx: Ctx,
  input: Parsed<C>,
) => Mode<C> extends 'task' ? Promise<Output<C> | Failure> : Output<C> | Failure;
export type Handlers = { [C in Channel]: Handler<C> };

// While locked only these answer; everything else, and all personal data, waits for the password.
const WHILE_LOCKED: ReadonlySet<string> = new Set(['session.state', 'session.unlock', 'session.signOut']);
const DURING_HOLD: ReadonlySet<string> = new Set(['imports.progress', 'session.state']);

const fail = (code: AppErrorBody['code'], message: string, field?: string): Result<never> => ({
  ok: false,
  error: field ? { code, message, field } : { code, message },
});

/** A file system's refusal in the clerk's words; the raw one, with its path, goes to the log only. */
const FS_ERRORS: Record<string, string> = {
  ENOENT: '找不到这个文件或文件夹',
  ENOTDIR: '所选的位置不是文件夹',
  EISDIR: '所选的是文件夹，不是文件',
  EACCES: '没有权限读写这个位置',
  EPERM: '没有权限读写这个位置',
  EROFS: '这个位置只能读不能写（U 盘可能打开了写保护）',
  ENOSPC: '磁盘空间不足',
  EDQUOT: '磁盘空间不足',
  EEXIST: '已有同名的文件',
  EBUSY: '文件正被其他程序使用，请关闭后再试',
  EMFILE: '打开的文件过多，请稍后再试',
  EIO: '读写磁盘出错（U 盘可能已被拔出）',
  ENAMETOOLONG: '文件路径太长',
};

export interface Dispatcher {
  dispatch(session: Session, channel: string, input: unknown): Promise<Result<unknown>>;
}

/** `clock` is the ledger's unless given: the demo passes its own, to walk a year of work through the dispatcher. */
export function createDispatcher(
  ledger: Ledger,
  handlers: Handlers,
  { clock = ledger.clock, office = null }: { clock?: () => Date; office?: CountyOffice | null } = {},
): Dispatcher {
  // Built once per connection (a restore opens another): better-sqlite3 compiles BEGIN/COMMIT for each one it makes.
  const transactions = new WeakMap<DB, ReturnType<DB['transaction']>>();
  const txOf = (db: DB) => {
    let tx = transactions.get(db);
    if (!tx) transactions.set(db, (tx = db.transaction((run: () => unknown) => run())));
    return tx;
  };

  function refuseAccess(session: Session, channel: Channel, now: Date): Result<never> | null {
    const access = contract[channel].access;
    if (session.staff) {
      // Roles and deactivation take effect on the next call, not the next sign-in.
      const seat = seatOf(ledger.db, session.staff.id);
      session.staff = seat.staff;
      if (!session.staff) session.locked = false;
      else if (!session.locked && now.getTime() - session.lastSeen > seat.idleLockMinutes * 60_000)
        session.locked = true;
    }
    if (access === 'public') return null;
    if (!session.staff) return fail('FORBIDDEN', '请先登录');
    if (session.locked && !WHILE_LOCKED.has(channel)) return fail('FORBIDDEN', '屏幕已锁定，请输入密码解锁');
    if (access !== 'signedIn' && !access.some((r: Role) => session.staff!.roles.includes(r)))
      return fail('FORBIDDEN', `无权进行此操作：需要${access.map((r: Role) => ROLE_LABELS[r]).join('或')}权限`);
    return null;
  }

  async function dispatch(session: Session, channel: string, input: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) return fail('NOT_FOUND', `未知的操作：${channel.slice(0, 64)}`);
    const def = contract[channel];
    // An import writing in one transaction across awaits: nothing else may run inside it but its progress and the
    // seat's state, which read nothing an import writes (the web host's and the screens' heartbeat keep answering).
    while (ledger.busy && !DURING_HOLD.has(channel)) await ledger.busy;
    const now = clock();
    // The role first: a caller who may not use a channel learns nothing of its fields from a validation message.
    const refused = refuseAccess(session, channel, now);
    if (refused) return refused;
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('VALIDATION', issue.message, issue.path.length ? issue.path.join('.') : undefined);
    }
    if (session.staff && !session.locked && channel !== 'session.state') session.lastSeen = now.getTime();

    let audited = 0;
    // Rows of auditAlways written inside a transaction that may yet roll back.
    const kept: Parameters<typeof writeAudit>[1][] = [];
    // A task's rows while another call holds the ledger: that call's transaction stays open across awaits, and a row
    // written now would join it and go if it rolled back. They are written once the hold ends, before the answer.
    const late: Parameters<typeof writeAudit>[1][] = [];
    let holding = false;
    const ctx: Ctx = {
      db: ledger.db,
      ledger,
      session,
      channel,
      now,
      office,
      audit(entity, entityId, before, after, actor) {
        const row = { at: isoCn(now), staffId: actor ?? session.staff?.id ?? null, channel, entity, entityId };
        // A task runs outside a transaction: its audit row commits on its own, once the work is done.
        const write = () => writeAudit(ledger.db, { ...row, before, after });
        if (def.mode === 'task' && ledger.busy && !holding) late.push({ ...row, before, after });
        else if (ledger.db.inTransaction) write();
        else txOf(ledger.db).immediate(write);
        audited++;
      },
      auditAlways(entity, entityId, before, after) {
        const row = { at: isoCn(now), staffId: session.staff?.id ?? null, channel, entity, entityId, before, after };
        if (ledger.db.inTransaction && !(def.mode === 'task' && ledger.busy && !holding)) kept.push(row);
        ctx.audit(entity, entityId, before, after);
      },
      async hold(work) {
        holding = true;
        try {
          return await ledger.hold(work);
        } finally {
          holding = false;
        }
      },
    };
    const writeLate = async () => {
      if (!late.length) return;
      // The hold's promise settles a moment before its owner has ended its transaction: wait for both.
      while (ledger.busy || ledger.db.inTransaction) await (ledger.busy ?? new Promise((r) => setTimeout(r, 5)));
      txOf(ledger.db).immediate(() => late.splice(0).forEach((r) => writeAudit(ledger.db, r)));
    };
    const keep = () => {
      if (kept.length && !ledger.db.inTransaction)
        txOf(ledger.db).immediate(() => kept.forEach((r) => writeAudit(ledger.db, r)));
    };
    const handler = handlers[channel] as (ctx: Ctx, input: unknown) => unknown;
    try {
      let out: unknown;
      if (def.mode === 'task') {
        out = await handler(ctx, parsed.data);
        await writeLate(); // the file or the preview is handed over only with its audit row committed
      } else {
        const run = () => {
          const value = handler(ctx, parsed.data);
          if (def.mode === 'mutation' && audited === 0 && !(value instanceof Failure))
            throw new AppError('INTERNAL', `内部错误：${channel} 没有写审计记录，已撤销`);
          return value;
        };
        const tx = txOf(ledger.db);
        out = def.mode === 'mutation' ? tx.immediate(run) : tx.deferred(run);
      }
      if (out instanceof Failure) return { ok: false, error: out.error.toBody() };
      return { ok: true, value: out };
    } catch (e) {
      keep();
      await writeLate().catch((w) => console.error(`[dispatch] ${channel}: audit row not written`, w));
      if (e instanceof AppError) return { ok: false, error: e.toBody() };
      console.error(`[dispatch] ${channel}:`, e);
      const said = FS_ERRORS[(e as NodeJS.ErrnoException).code ?? ''];
      if (said) return fail('INTERNAL', `${said}，操作未保存`);
      return fail('INTERNAL', `内部错误，操作未保存：${(e as Error).message}`);
    }
  }

  return { dispatch };
}

/** Who sits at a session now (null when deactivated) and the idle-lock setting, in one read per call. */
export function seatOf(db: DB, id: number): { staff: StaffMember | null; idleLockMinutes: number } {
  const r = prep(
    db,
    `SELECT s.id, s.username, s.display_name AS displayName, s.active,
            (
              SELECT group_concat(role)
              FROM (SELECT role FROM staff_roles WHERE staff_id = s.id ORDER BY role)
            ) AS roles,
            (SELECT value FROM settings WHERE key = 'center') AS center
      FROM staff s
      WHERE s.id = ?`,
  ).get(id) as
    | { id: number; username: string; displayName: string; active: number; roles: string | null; center: string | null }
    | undefined;
  const idle = r?.center
    ? ((JSON.parse(r.center) as Partial<typeof DEFAULT_CENTER>).idleLockMinutes ?? DEFAULT_CENTER.idleLockMinutes)
    : DEFAULT_CENTER.idleLockMinutes;
  if (!r || r.active !== 1) return { staff: null, idleLockMinutes: idle };
  return {
    staff: { id: r.id, username: r.username, displayName: r.displayName, roles: (r.roles?.split(',') ?? []) as Role[] },
    idleLockMinutes: idle,
  };
}

export interface CountyOffice {
  pool: pg.Pool;
  /** The server's address as this program reaches it. */
  url: string;
  /**
   * Where townships reach it, for their enrolment files: the address (without a user), the CA of its certificate,
   * and whether the address is the server's own (--county, set by --listen) or may be given on the form (--pg).
   */
  reach: { url: string; ca?: string | null; fixed: boolean };
  close(): Promise<void>;
}
