// The county office (县级汇总): the same program started with --county (its PostgreSQL on this PC, county/server.ts;
// with --listen ADDR also on the LAN, over TLS) or --pg URL (the county's own server). Its own ledger holds its staff,
// settings and audit as a township's does; the townships' copies and the county's notes are in PostgreSQL, reached
// through this pool.
import fs from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import { AppError } from '../../shared/domain/result';
import type { EnrolAddress } from '../../shared/schemas/rollup';
import type { CountyOffice } from '../core/dispatch';
import { type CountyServer, type Listen, startCountyServer } from './server';
import { CLIENT_LIMITS, limitTownships, migrateCounty, type Reach } from './store';

/** How the office was started: its server's URL (--pg), or none for the one beside the ledger (and its --listen). */
export interface OfficeStart {
  pg?: string;
  listen?: Listen;
}

/** The folder of the server --county starts: beside the office's ledger, so a backup of the folder has both. */
export const serverDirOf = (ledgerFile: string) => path.join(path.dirname(path.resolve(ledgerFile)), 'county-pg');

/**
 * What the user of --pg must be allowed, said before anything is tried: CREATEROLE, to make each township's login
 * role; and the county schema, its own or made by it (CREATE on the database). A superuser has both.
 */
async function checkPrivileges(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{
    who: string;
    db: string;
    super: boolean;
    createrole: boolean;
    create_db: boolean;
    owner: string | null;
  }>(
    `SELECT current_user AS who, current_database() AS db, r.rolsuper AS super, r.rolcreaterole AS createrole,
        has_database_privilege(current_database(), 'CREATE') AS create_db, pg_get_userbyid(n.nspowner) AS owner
      FROM pg_roles r
      LEFT JOIN pg_namespace n ON n.nspname = 'county'
      WHERE r.rolname = current_user`,
  );
  const me = rows[0];
  if (me.super) return;
  const missing: string[] = [];
  const fix: string[] = [];
  if (!me.createrole) {
    missing.push('CREATEROLE（为每个登记的乡镇建立它自己的登录角色）');
    fix.push(`ALTER ROLE "${me.who}" CREATEROLE;`);
  }
  if (me.owner === null && !me.create_db) {
    missing.push(`数据库 ${me.db} 的 CREATE 权限（建立 county 模式）`);
    fix.push(`GRANT CREATE ON DATABASE "${me.db}" TO "${me.who}";`);
  }
  if (me.owner !== null && me.owner !== me.who) {
    missing.push(`county 模式的所有权（它属于 ${me.owner}）`);
    fix.push(`ALTER SCHEMA county OWNER TO "${me.who}";（或用 ${me.owner} 连接）`);
  }
  if (missing.length)
    throw new AppError(
      'VALIDATION',
      `--pg 连接的数据库用户 ${me.who} 缺少县级汇总所需的权限：${missing.join('；')}。请数据库管理员执行：${fix.join(' ')}`,
    );
}

/** The address an enrolment file carries for --pg: the office's own, without its user, password and files. */
function reachOfUrl(url: string): Reach {
  const at = new URL(url);
  const rootCert = at.searchParams.get('sslrootcert');
  at.username = '';
  at.password = '';
  const ca = rootCert && fs.existsSync(rootCert) ? fs.readFileSync(rootCert, 'utf8') : null;
  return { url: at.toString(), ca };
}

export async function openOffice(ledgerFile: string, how: OfficeStart): Promise<CountyOffice> {
  let server: CountyServer | null = null;
  if (!how.pg) server = await startCountyServer(serverDirOf(ledgerFile), [], how.listen);
  const url = how.pg ?? server!.url;
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    application_name: 'bianmin county office',
    ...CLIENT_LIMITS,
  });
  pool.on('error', () => {}); // an idle connection lost: the next query reconnects or reports
  try {
    const client = await pool.connect();
    try {
      if (how.pg) await checkPrivileges(client);
      await endHeldSessions(client, { all: true }); // a migration waits on no township
      await migrateCounty(client);
      // Sections computed by an earlier program may follow other definitions (county/sections.ts).
      await client.query('DELETE FROM county.section_cache');
      await limitTownships(client);
    } finally {
      client.release();
    }
  } catch (e) {
    await pool.end();
    await server?.stop();
    throw e;
  }
  const watch = setInterval(() => void endHeldSessions(pool).catch(() => {}), 30_000);
  watch.unref();
  return {
    pool,
    url,
    reach: server ? { url: server.townshipUrl, ca: server.ca, fixed: true } : { ...reachOfUrl(url), fixed: false },
    close: async () => {
      clearInterval(watch);
      await pool.end();
      await server?.stop();
    },
  };
}

/**
 * Ends township sessions that hold the county's tables too long: a township's session may lift the limits its role
 * is given (SET lock_timeout = 0 …), which PostgreSQL cannot forbid, so the office ends them itself, every 30 s while
 * it runs: a transaction open longer than `openS` or idle in one longer than `idleS` (a chunk commits in seconds;
 * the next push resumes from the county's line). `all`: every township session, at the office's start. Answers how
 * many it ended.
 */
export async function endHeldSessions(
  client: pg.ClientBase | pg.Pool,
  { all = false, openS = 120, idleS = 30 }: { all?: boolean; openS?: number; idleS?: number } = {},
): Promise<number> {
  const { rows } = await client.query<{ ended: boolean }>(
    `SELECT pg_terminate_backend(a.pid) AS ended
      FROM pg_stat_activity a
      JOIN pg_roles r ON r.rolname = a.usename
      WHERE a.pid <> pg_backend_pid()
        AND NOT r.rolsuper
        AND r.oid IN (
          SELECT m.member
            FROM pg_auth_members m
            JOIN pg_roles g ON g.oid = m.roleid
            WHERE g.rolname = 'county_township')
        AND ($1
          OR a.xact_start < clock_timestamp() - make_interval(secs => $2)
          OR (a.state LIKE 'idle in transaction%' AND a.state_change < clock_timestamp() - make_interval(secs => $3)))`,
    [all, openS, idleS],
  );
  return rows.filter((r) => r.ended).length;
}

/**
 * The address and CA a township's enrolment file gets: the server's own (--county; another address is refused at
 * its field: --listen decides it), or with --pg the one the form gives, else the office's.
 */
export function enrolmentReach(office: CountyOffice, url: string | undefined): Reach {
  if (!url) return office.reach;
  if (office.reach.fixed)
    throw new AppError(
      'VALIDATION',
      `本机启动的汇总库，乡镇连接的地址由启动参数 --listen 决定（现在是 ${office.reach.url}），不能另填`,
      'url',
    );
  return { ...reachOfUrl(url), ca: office.reach.ca };
}

/** What the enrolment form shows of that address. */
export function enrolAddress(office: CountyOffice): EnrolAddress {
  const at = new URL(office.reach.url);
  const mode = at.searchParams.get('sslmode');
  return {
    url: office.reach.url,
    encrypted: !!office.reach.ca || ['require', 'verify-ca', 'verify-full'].includes(mode ?? ''),
    local: ['127.0.0.1', '[::1]', 'localhost'].includes(at.hostname),
    fixed: office.reach.fixed,
  };
}
