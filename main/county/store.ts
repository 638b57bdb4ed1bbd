// The county's PostgreSQL: its migrations, the enrolment of a township (a login role of its own and a one-time
// enrolment file), and the one way rows arrive, applyChunk, used alike by a township's push and by the import of a
// carried file. Everything a chunk writes, and the sequence it acknowledges, commits in one transaction.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import { AppError } from '../../shared/domain/result';
import { SYNCED, type Synced } from '../db/synced';
import { carryKey, type Enrolment, type Issued, roleOf, sealEnrolment } from './enrolment';
import { COUNTY_SCHEMA } from './tables';

export { carryKey, type Enrolment, type EnrolmentFile, type Issued } from './enrolment';

/**
 * Every connection to the county's server, the office's pool as a township's push: no statement runs longer than a
 * minute, none waits for a lock longer than 5 s, an idle open transaction ends after 10 s (so nothing holds a lock
 * long), the client itself gives up on a server silent for 90 s, and keep-alive finds a connection the network lost.
 */
export const CLIENT_LIMITS = {
  connectionTimeoutMillis: 10_000,
  keepAlive: true,
  keepAliveInitialDelayMillis: 30_000,
  statement_timeout: 60_000,
  lock_timeout: 5_000,
  idle_in_transaction_session_timeout: 10_000,
  query_timeout: 90_000,
} satisfies pg.ClientConfig;

/**
 * The same limits on the server, set on each township's role, so a township program that does not ask for them
 * (an old one, or someone with its key and psql) is held to them as well; an idle session ends after 15 minutes, and
 * a township has at most five connections. (Milliseconds are these settings' own unit.)
 */
export const townshipRoleSettings = (role: string) => [
  `ALTER ROLE ${role} SET statement_timeout = '${CLIENT_LIMITS.statement_timeout}'`,
  `ALTER ROLE ${role} SET lock_timeout = '${CLIENT_LIMITS.lock_timeout}'`,
  `ALTER ROLE ${role} SET idle_in_transaction_session_timeout = '${CLIENT_LIMITS.idle_in_transaction_session_timeout}'`,
  `ALTER ROLE ${role} SET idle_session_timeout = '15min'`,
  `ALTER ROLE ${role} CONNECTION LIMIT 5`,
];

// The bundle runs from dist/main, where the build copies the folder as county-migrations (dist/main/migrations is
// the ledger's own); tsx runs this file from main/county.
export const COUNTY_MIGRATIONS_DIR = fs.existsSync(path.join(__dirname, 'county-migrations'))
  ? path.join(__dirname, 'county-migrations')
  : path.join(__dirname, 'migrations');

/** Applies the county migrations not yet applied, in one transaction, one program at a time. */
export async function migrateCounty(client: pg.ClientBase): Promise<number> {
  const files = fs
    .readdirSync(COUNTY_MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  await client.query('BEGIN');
  try {
    // A migration may rewrite a large table, and waits for the pushes under way to end.
    await client.query(`SET LOCAL statement_timeout = 0`);
    await client.query(`SET LOCAL lock_timeout = '60s'`);
    // One program at a time: on the table of migrations once it exists, since any role may take any advisory lock
    // (a township could hold this one for ever), and a township, which may only read that table, cannot hold a lock
    // that EXCLUSIVE waits for. Before the first migration no township exists yet.
    const { rows: made } = await client.query<{ made: boolean }>(
      `SELECT to_regclass('county.migrations') IS NOT NULL AS made`,
    );
    await client.query(
      made[0].made
        ? 'LOCK TABLE county.migrations IN EXCLUSIVE MODE'
        : `SELECT pg_advisory_xact_lock(hashtext('bianmin county migrations'))`,
    );
    await client.query('CREATE SCHEMA IF NOT EXISTS county');
    await client.query(
      `CREATE TABLE IF NOT EXISTS county.migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await client.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM county.migrations');
    for (const f of files.slice(rows[0].v)) {
      await client.query(fs.readFileSync(path.join(COUNTY_MIGRATIONS_DIR, f), 'utf8'));
      await client.query('INSERT INTO county.migrations (version, name) VALUES ($1, $2)', [Number(f.slice(0, 4)), f]);
    }
    await client.query('COMMIT');
    return files.length;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

/** Where townships reach the county's server: its address, and the CA of its certificate when it has one. */
export interface Reach {
  url: string;
  ca?: string | null;
}

/** Sets the limits above on every enrolled township's role: at each start of the office, so older roles get them. */
export async function limitTownships(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ role: string }>(
    `SELECT role
      FROM county.townships
      WHERE NOT revoked`,
  );
  for (const r of rows) for (const sql of townshipRoleSettings(r.role)) await client.query(sql);
}

/**
 * Registers a township (again, while it has never pushed: a lost file or code): its own login role (a member of
 * county_township, held to the limits above) and the file to hand it, its key sealed under the one-time code returned
 * beside it.
 */
export async function enrolTownship(
  client: pg.ClientBase,
  county: string,
  reach: string | Reach,
  t: { code: string; name: string },
): Promise<Issued> {
  if (!/^\d{12}$/.test(t.code)) throw new AppError('VALIDATION', '统计用区划代码应为 12 位数字', 'code');
  if (!t.name.trim()) throw new AppError('VALIDATION', '请填写乡镇名称', 'name');
  const key = crypto.randomBytes(24).toString('base64url');
  const role = roleOf(key);
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ role: string; pushed: boolean; revoked: boolean }>(
      `SELECT role, ledger_id IS NOT NULL AS pushed, revoked
        FROM county.townships
        WHERE code = $1
        FOR UPDATE`,
      [t.code],
    );
    const was = rows[0];
    if (was?.revoked) throw new AppError('CONFLICT', `区划代码 ${t.code} 的登记已停用`, 'code');
    if (was?.pushed) throw new AppError('CONFLICT', `区划代码 ${t.code} 已登记，并已上报`, 'code');
    // A role name and a password cannot be query parameters: both are made here, of hex digits and base64url only.
    if (was) {
      // Registered but never pushed (its file or code lost): a new key and file; the old key signs in no more.
      await client.query(`ALTER ROLE ${was.role.replace(/[^0-9a-z_]/g, '')} RENAME TO ${role}`);
      await client.query(`ALTER ROLE ${role} PASSWORD '${key}'`);
    } else {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${key}' IN ROLE county_township`);
      for (const sql of townshipRoleSettings(role)) await client.query(sql);
      // The county's own user takes this role to import the township's carried files (carry.ts), under its policies.
      await client.query(`GRANT ${role} TO current_user`);
    }
    await client.query(
      `INSERT INTO county.townships (code, name, role, carry_key)
        VALUES ($1, $2, $3, $4)
        ON CONFLICT (code) DO UPDATE
          SET name = excluded.name, role = excluded.role, carry_key = excluded.carry_key`,
      [t.code, t.name, role, carryKey(key).toString('hex')],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
  const { url, ca } = typeof reach === 'string' ? { url: reach, ca: null } : reach;
  const at = new URL(url);
  at.username = role;
  at.password = '';
  // Files on the office's PC mean nothing on the township's: its CA travels in the file instead.
  for (const p of ['sslrootcert', 'sslcert', 'sslkey', 'sslpassword']) at.searchParams.delete(p);
  if (ca && !at.searchParams.has('sslmode')) at.searchParams.set('sslmode', 'verify-full');
  const e: Enrolment = {
    format: 'bianmin-county-enrolment',
    county,
    code: t.code,
    township: t.name,
    url: at.toString(),
    role,
    key,
    ...(ca && { ca }),
  };
  return { ...e, ...sealEnrolment(e) };
}

/**
 * What a connection's sslmode asks of TLS. With the county's CA (from the enrolment file) the server must show a
 * certificate that CA signed for the address connected to (verify-full; verify-ca only when the address says so);
 * without one, sslmode as libpq reads it, against the system's CAs.
 */
function sslOf(mode: string | null, ca: string | null | undefined): pg.ClientConfig['ssl'] {
  const anyName = { checkServerIdentity: () => undefined };
  if (ca) return mode === 'verify-ca' ? { ca, ...anyName } : { ca };
  if (mode === 'require') return { rejectUnauthorized: false };
  if (mode === 'verify-ca') return anyName;
  if (mode === 'verify-full') return {};
  return false;
}

/** The connection settings of an enrolment: its address and TLS, its key as the password (never in the URL). */
export function connectionOf(url: string, key: string, ca?: string | null): pg.ClientConfig {
  const at = new URL(url);
  return {
    host: at.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(at.port || 5432),
    database: decodeURIComponent(at.pathname.slice(1)) || 'postgres',
    user: decodeURIComponent(at.username),
    password: key,
    ssl: sslOf(at.searchParams.get('sslmode'), ca),
    ...CLIENT_LIMITS,
  };
}

const UNTRUSTED = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
];

/** A TLS refusal in words the clerk can act on: the county's server is not the one the enrolment file names. */
export function tlsRefusal(e: unknown): AppError | null {
  const err = e as { code?: string; message?: string };
  if (UNTRUSTED.includes(err.code ?? ''))
    return new AppError(
      'FORBIDDEN',
      '连接的服务器出示的证书不是县里登记文件中的证书（可能连到了别的服务器），为安全起见没有上报；请向县民政局核对',
    );
  if (err.code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new AppError('FORBIDDEN', '县里汇总库的证书与上报地址不符，为安全起见没有上报；请向县民政局核对上报地址');
  if (err.message === 'The server does not support SSL connections')
    return new AppError('FORBIDDEN', '县里汇总库没有开启加密连接，为安全起见没有上报；请联系县民政局');
  return null;
}

/**
 * Stops a township's pushes: its role can no longer sign in nor pass pg_hba (no longer a member of county_township),
 * its open sessions end, and its rows stay as they were.
 */
export async function revokeTownship(client: pg.ClientBase, code: string): Promise<void> {
  const { rows } = await client.query<{ role: string }>(
    `UPDATE county.townships
      SET revoked = true
      WHERE code = $1
      RETURNING role`,
    [code],
  );
  if (!rows.length) throw new AppError('NOT_FOUND', `区划代码 ${code} 没有登记`, 'code');
  const role = rows[0].role.replace(/[^0-9a-z_]/g, '');
  await client.query(`ALTER ROLE ${role} NOLOGIN`);
  await client.query(`REVOKE county_township FROM ${role}`);
  await client.query(
    `SELECT pg_terminate_backend(pid)
      FROM pg_stat_activity
      WHERE usename = $1`,
    [role],
  );
}

/** A run of outbox lines: the rows they name as they were read, and the keys of rows no longer in the ledger. */
export interface Chunk {
  ledgerId: string;
  /** The 纪元 its lines belong to (null or absent: the first); a chunk of another 纪元 is never applied. */
  epoch?: string | null;
  /** Where the county stood as far as the township knew when it read the chunk: its lines are those after it. */
  from: number;
  to: number;
  tables: { table: string; rows: Record<string, unknown>[]; deleted: string[] }[];
}

/**
 * What became of a chunk: applied; `had` (the county had every line of it); `gap` (it starts after where the county
 * stands: lines between are missing); `epoch` (it belongs to another 纪元). `acked` is where the county stands after.
 */
export interface Applied {
  outcome: 'applied' | 'had' | 'gap' | 'epoch';
  acked: number;
}

/** The county's column types of the synced tables, checked against what this program sends. */
export async function countyColumns(client: pg.ClientBase): Promise<Map<string, Map<string, string>>> {
  const { rows: version } = await client.query<{ v: number }>(
    `SELECT coalesce(max(version), 0) AS v
      FROM county.migrations`,
  );
  if (version[0].v < COUNTY_SCHEMA)
    throw new AppError(
      'CONFLICT',
      `县里的汇总库版本较旧（${version[0].v}，本程序需要 ${COUNTY_SCHEMA}），请县民政局升级后再上报；台账照常使用`,
    );
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type
      FROM information_schema.columns
      WHERE table_schema = 'county'`,
  );
  const types = new Map<string, Map<string, string>>();
  for (const r of rows) {
    if (!types.has(r.table_name)) types.set(r.table_name, new Map());
    types.get(r.table_name)!.set(r.column_name, r.data_type);
  }
  for (const s of SYNCED)
    for (const c of s.columns)
      if (!types.get(s.table)?.has(c))
        throw new AppError('CONFLICT', `县里的汇总库缺少 ${s.table}.${c}，请县民政局升级后再上报；台账照常使用`);
  return types;
}

function upsertSql(s: Synced, types: Map<string, string>): string {
  const cols = s.columns.map((c) => `${c} ${types.get(c)}`).join(', ');
  const names = s.columns.join(', ');
  // A group's rows go into a group just emptied; a payment already there is never written again.
  const onConflict =
    s.group || s.insertOnly
      ? 'ON CONFLICT DO NOTHING'
      : `ON CONFLICT (ledger_id, ${s.key}) DO UPDATE SET ${s.columns
          .filter((c) => c !== s.key)
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`;
  return `INSERT INTO county.${s.table} (ledger_id, ${names})
    SELECT $1, ${names}
      FROM json_to_recordset($2::json) AS r(${cols})
    ${onConflict}`;
}

/**
 * Applies one chunk as the township's role (a push signs in as it; an import takes it with SET ROLE), in one
 * transaction with the sequence it acknowledges. A chunk that reaches past where the county stands is applied whole,
 * also when it starts before (an offline file starts where the township last heard the county stood): each row is
 * sent as it was when the chunk was read, after its last line was written, so a row sent again is never older than
 * what its lines up to `to` describe, and any later change has a line after `to`. Nothing else is applied: the
 * answer says why and where the county stands.
 */
export async function applyChunk(
  client: pg.ClientBase,
  types: Map<string, Map<string, string>>,
  chunk: Chunk,
  opts: {
    role?: string;
    /** Runs once the chunk's rows are on their way, while the server writes them: the push reads its next chunk. */
    meanwhile?: () => void;
  } = {},
): Promise<Applied> {
  await client.query('BEGIN');
  try {
    if (opts.role) await client.query(`SET LOCAL ROLE ${opts.role}`);
    const { rows } = await client.query<{ ledger_id: string | null; acked_seq: string; epoch: string | null }>(
      `SELECT ledger_id, acked_seq, epoch
        FROM county.townships
        WHERE role = current_user
        FOR UPDATE`,
    );
    if (!rows.length) throw new AppError('FORBIDDEN', '县里已停用本乡镇的登记，请联系县民政局');
    const acked = Number(rows[0].acked_seq);
    if (rows[0].ledger_id && rows[0].ledger_id !== chunk.ledgerId)
      throw new AppError('FORBIDDEN', '此登记文件已被另一本台账使用，请向县民政局重新申请登记');
    const outcome =
      rows[0].epoch !== (chunk.epoch ?? null) ? 'epoch' : chunk.to <= acked ? 'had' : chunk.from > acked ? 'gap' : null;
    if (outcome) {
      await client.query('ROLLBACK');
      return { outcome, acked };
    }
    if (!rows[0].ledger_id)
      await client.query('UPDATE county.townships SET ledger_id = $1 WHERE role = current_user', [chunk.ledgerId]);
    let meanwhile = opts.meanwhile;
    for (const part of chunk.tables) {
      const s = SYNCED.find((x) => x.table === part.table);
      const t = types.get(part.table);
      if (!s || !t) throw new AppError('VALIDATION', `县里的汇总库没有表 ${part.table}，请县民政局升级`);
      // A group is replaced whole: every key the chunk names, with its rows or without any.
      const gone = s.group ? [...new Set([...part.deleted, ...part.rows.map((r) => String(r[s.key]))])] : part.deleted;
      // Named in county.forgotten, whose trigger deletes them: a township may not DELETE (0005).
      if (gone.length)
        await client.query(
          `INSERT INTO county.forgotten (ledger_id, tbl, key_col, keys)
            VALUES ($1, $2, $3, $4)`,
          [chunk.ledgerId, s.table, s.key, gone],
        );
      if (part.rows.length) {
        const upserting = client.query(upsertSql(s, t), [chunk.ledgerId, JSON.stringify(part.rows)]);
        // Awaited below, after a turn of the event loop: a failure arriving meanwhile (the server killed) would be an
        // unhandled rejection until then, which ends a process. It is still thrown where awaited.
        upserting.catch(() => {});
        if (meanwhile) {
          await new Promise((resolve) => setImmediate(resolve)); // the rows leave for the server first
          meanwhile();
          meanwhile = undefined;
        }
        await upserting;
      }
    }
    await client.query(
      `UPDATE county.townships
        SET acked_seq = $1, last_push = now()
        WHERE role = current_user`,
      [chunk.to],
    );
    await client.query('COMMIT');
    return { outcome: 'applied', acked: chunk.to };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

/** Where the county stands with the calling township (its role, or one taken with SET ROLE): what a push or a 回执 tells. */
export interface CountyView {
  ledgerId: string | null;
  epoch: string | null;
  acked: number;
  /** The highest carried 批号 it has taken in this 纪元. */
  lastBatch: number;
  /** The county server's clock: a 回执 older than the newest word a township has heard changes nothing. */
  at: string;
}

/** Where the county stands with the calling township's role, or (the office, for a 回执) with the township `code`. */
export async function countyView(client: pg.ClientBase, code?: string): Promise<CountyView | null> {
  const { rows } = await client.query<{
    ledger_id: string | null;
    epoch: string | null;
    acked_seq: string;
    last_batch: number;
    at: Date;
  }>(
    `SELECT ledger_id, epoch, acked_seq, last_batch, now() AS at
      FROM county.townships
      WHERE CASE WHEN $1::text IS NULL THEN role = current_user ELSE code = $1 END`,
    [code ?? null],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ledgerId: r.ledger_id,
    epoch: r.epoch,
    acked: Number(r.acked_seq),
    lastBatch: r.last_batch,
    at: r.at.toISOString(),
  };
}

/** Why a township begins a new 纪元: its own ledger restored, or the county's database. */
export type ResyncWhy = 'township' | 'county';

/**
 * Begins the 纪元 a township chose (epochs.ts), as its role: the copy as it stood goes to county.history (the trigger
 * of county migration 0004, which also writes the county's note), and the county stands at `from`, where the
 * township queued every row again. Taking the same 纪元 twice changes nothing.
 */
export async function startEpoch(
  client: pg.ClientBase,
  e: { ledgerId: string; epoch: string; from: number; why: ResyncWhy },
  opts: { role?: string } = {},
): Promise<void> {
  await client.query('BEGIN');
  try {
    if (opts.role) await client.query(`SET LOCAL ROLE ${opts.role}`);
    const { rows } = await client.query<{ ledger_id: string | null; epoch: string | null }>(
      `SELECT ledger_id, epoch
        FROM county.townships
        WHERE role = current_user
        FOR UPDATE`,
    );
    if (!rows.length) throw new AppError('FORBIDDEN', '县里已停用本乡镇的登记，请联系县民政局');
    if (rows[0].ledger_id && rows[0].ledger_id !== e.ledgerId)
      throw new AppError('FORBIDDEN', '此登记文件已被另一本台账使用，请向县民政局重新申请登记');
    if (rows[0].epoch !== e.epoch)
      await client.query(
        `UPDATE county.townships
          SET epoch = $1, epoch_why = $2, acked_seq = $3, last_batch = 0, ledger_id = $4
          WHERE role = current_user`,
        [e.epoch, e.why, e.from, e.ledgerId],
      );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
