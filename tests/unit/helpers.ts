// Test helpers: real ledgers on temporary SQLite files, a real dispatcher, a clock the test moves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type Database from 'better-sqlite3-multiple-ciphers';

import {
  type CountyOffice,
  createDispatcher,
  type Dispatcher,
  type Handlers,
  newSession,
  type Session,
} from '../../main/core/dispatch';
import { Ledger } from '../../main/core/ledger';
import { Keyring, keysFileOf } from '../../main/db/keys';
import { openKeyed } from '../../main/db/open';
import type { HashParams } from '../../main/db/password';
import { handlers } from '../../main/handlers';
import type { Channel, Input, Output } from '../../shared/contract';
import { AppError, type Result } from '../../shared/domain/result';
import type { Role } from '../../shared/domain/roles';
import { dateCn } from '../../shared/domain/time';

const unlocked = new Map<string, Buffer>();

/**
 * The scrypt cost of the ledgers the tests make unless they test hashing (1 MiB, about 2 ms a derivation, against
 * 128 MiB and 650 ms): injected as the clock is (`hashParams` of Ledger.open and Keyring), never read from the
 * environment. The least a key file may hold (db/keys.ts), so the app reads these files as any other. Tests of
 * password hashing, lockout and key files keep today's cost: `world({ hashing: 'real' })`, or no `hashParams`.
 */
export const CHEAP_HASH: HashParams = { N: 2 ** 10, r: 8, p: 1, keylen: 64 };

/**
 * A ledger (or a copy of it) opened with the key its admin's password unwraps from the key file beside it; copies of
 * one ledger share its key, which is unwrapped once (a derivation costs 650 ms at today's cost).
 */
export function keyedFile(
  file: string,
  opts: { readonly?: boolean; username?: string; password?: string } = {},
): Database.Database {
  const keys = Keyring.read(keysFileOf(file));
  let key = unlocked.get(keys.ledgerId);
  if (!key) {
    const r = keys.signIn(opts.username ?? 'admin', opts.password ?? 'admin-pass-1', testClock());
    if (r instanceof AppError) throw r;
    unlocked.set(keys.ledgerId, (key = r.dataKey));
  }
  return openKeyed(file, key, { readonly: opts.readonly });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bianmin-unit-'));
}

export class Clock {
  t = new Date('2026-11-23T09:00:00+08:00').getTime();
  now = () => new Date(this.t);
  advanceMinutes(m: number) {
    this.t += m * 60_000;
  }
}

/** A clock stopped at the suite's reference moment, for ledgers opened outside a World. */
export const testClock = new Clock().now;

export interface World {
  ledger: Ledger;
  dispatcher: Dispatcher;
  clock: Clock;
  dir: string;
  call<C extends Channel>(session: Session, channel: C, input: Input<C>): Promise<Result<Output<C>>>;
  /** One row of raw SQL, typed by the caller. */
  one<T = { n: number }>(sql: string, ...args: unknown[]): T;
  /** Creates the admin (first start) and returns a signed-in admin session. */
  admin(): Promise<Session>;
  /** Creates a staff member with these roles and returns a signed-in session for them. */
  staff(username: string, roles: Role[]): Promise<Session>;
  count(table: string): number;
  /** Every material on a relief kind's checklist (a case with all of them can be approved without a 容缺 reason). */
  materials(kindCode: string): string[];
}

/**
 * `office`: the world is the county office's (--county), over that PostgreSQL. `hashing: 'real'`: its key file at
 * today's scrypt cost (the tests of passwords and key files), else at CHEAP_HASH. `open`: opens the world's ledger
 * in its new folder (a copy of a fixture, tests/unit/fixtures.ts) instead of making an empty one there.
 */
export async function world(
  opts: {
    handlers?: Handlers;
    office?: CountyOffice;
    hashing?: 'real';
    open?: (dir: string, clock: Clock) => Promise<Ledger>;
  } = {},
): Promise<World> {
  const dir = tempDir();
  const clock = new Clock();
  const hashParams = opts.hashing === 'real' ? undefined : CHEAP_HASH;
  const ledger = opts.open
    ? await opts.open(dir, clock)
    : await Ledger.open(path.join(dir, 'ledger.sqlite'), { clock: clock.now, hashParams });
  const dispatcher = createDispatcher(ledger, opts.handlers ?? handlers, { office: opts.office });
  let adminSession: Session | null = null;
  const w: World = {
    ledger,
    dispatcher,
    clock,
    dir,
    call: <C extends Channel>(session: Session, channel: C, input: Input<C>) =>
      dispatcher.dispatch(session, channel, input) as Promise<Result<Output<C>>>,
    one: <T>(sql: string, ...args: unknown[]) => ledger.db.prepare(sql).get(...args) as T,
    async admin() {
      if (adminSession) return adminSession;
      const s = newSession();
      must(
        await w.call(s, 'setup.createAdmin', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' }),
      );
      return (adminSession = s); // signed in by setup.createAdmin
    },
    async staff(username, roles) {
      must(
        await w.call(await w.admin(), 'staff.create', {
          username,
          displayName: `员工${username}`,
          password: 'staff-pass-1',
          roles,
        }),
      );
      const s = newSession();
      must(await w.call(s, 'session.signIn', { username, password: 'staff-pass-1' }));
      return s;
    },
    materials: (kindCode) => {
      const k = ledger.db.prepare('SELECT materials FROM relief_kinds WHERE code = ?').get(kindCode) as
        { materials: string } | undefined;
      return k ? (JSON.parse(k.materials) as string[]) : [];
    },
    count: (table) => (ledger.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  };
  return w;
}

/**
 * Makes a call as if `days` earlier — a 公示 that began a week ago, so that it is over today — then puts the clock
 * and the seat's idle timer back. `call` is given that day (YYYY-MM-DD, China time).
 */
export async function daysEarlier<T>(
  w: World,
  s: Session,
  days: number,
  call: (day: string) => Promise<T>,
): Promise<T> {
  const [t, seen] = [w.clock.t, s.lastSeen];
  w.clock.t = t - days * 86_400_000;
  try {
    return await call(dateCn(w.clock.now()));
  } finally {
    w.clock.t = t;
    s.lastSeen = seen;
  }
}

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

export function refused(r: Result<unknown>) {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.value).slice(0, 200)}`);
  return r.error;
}
