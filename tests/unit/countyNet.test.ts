// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// 县级汇总 reachable, safely (issue 32 point 3). The office starts as `--county --listen 127.0.0.2` (a loopback address
// besides 127.0.0.1 stands for the LAN) and serves its PostgreSQL over TLS with a certificate made at its first start;
// townships connect with verify-full and a wrong CA is refused in words; pg_hba admits enrolled townships only; a
// township's role cannot LOCK or hold the shared tables, is held to timeouts and sees no other township's code; --pg
// says which privileges it lacks; the enrolment file's key opens only with the one-time code, its guesses counted.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import pg from 'pg';

import { parseOptions, UsageError } from '../../main/cli';
import type { CountyOffice } from '../../main/core/dispatch';
import { makeCa } from '../../main/county/certs';
import { openEnrolment } from '../../main/county/enrolment';
import { endHeldSessions, openOffice, serverDirOf } from '../../main/county/office';
import { push } from '../../main/county/push';
import { connectionOf, type EnrolmentFile, enrolTownship, revokeTownship } from '../../main/county/store';
import { must, refused, type World, world } from './helpers';
import { demoTownship, type Township } from './townships';

let dir: string;
let office: CountyOffice;
let desk: World;
let county: pg.Client;
before(async () => {
  dir = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'bianmin-net-'));
  fs.chmodSync(dir, 0o711); // as root the server runs as postgres, which must reach its folder inside this one
  office = await openOffice(path.join(dir, 'office.sqlite'), { listen: { host: '127.0.0.2' } });
  desk = await world({ office });
  county = new pg.Client({ connectionString: office.url });
  await county.connect();
  const admin = await desk.admin();
  const center = must(await desk.call(admin, 'settings.get', {}));
  must(await desk.call(admin, 'settings.save', { ...center, name: '青山县民政局' }));
});
after(async () => {
  await county.end();
  await office.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The file the office's screen hands out, and the code it shows once. */
async function enrolOnScreen(t: { code: string; name: string }) {
  const out = must(await desk.call(await desk.admin(), 'rollup.enrol', t));
  return { file: JSON.parse(Buffer.from(out.base64, 'base64').toString('utf8')) as EnrolmentFile, out };
}

/** A township client as its own role, over the enrolment's TLS; `as` changes what it connects as. */
async function asTownship(t: Township, as: Partial<pg.ClientConfig> = {}): Promise<pg.Client> {
  const c = new pg.Client({ ...connectionOf(t.e.url, t.e.key, t.e.ca), ...as });
  c.on('error', () => {}); // a session the server ends: the query in flight says so
  await c.connect();
  return c;
}

const towns: Township[] = [];

test('--listen serves TLS with a CA made at the first start; townships verify-full; a wrong CA is refused in words; pg_hba admits enrolled townships only', async () => {
  const pgDir = serverDirOf(path.join(dir, 'office.sqlite'));
  const data = path.join(pgDir, 'data');
  for (const f of [path.join(data, 'server.key'), path.join(data, 'server.crt'), path.join(pgDir, 'ca.key')])
    assert.equal(fs.statSync(f).mode & 0o777, 0o600, f);
  const cert = new crypto.X509Certificate(fs.readFileSync(path.join(data, 'server.crt')));
  assert.ok(cert.checkIP('127.0.0.2') && cert.checkIP('127.0.0.1'), cert.subjectAltName);
  assert.ok(cert.verify(new crypto.X509Certificate(office.reach.ca!).publicKey));
  // Checked by another implementation too: OpenSSL's own verification, in its strict mode.
  const verified = execFileSync(
    'openssl',
    ['verify', '-x509_strict', '-CAfile', path.join(pgDir, 'ca.crt'), path.join(data, 'server.crt')],
    { encoding: 'utf8' },
  );
  assert.match(verified, /OK/);
  const show = async (name: string) => (await county.query(`SHOW ${name}`)).rows[0][name] as string;
  assert.equal(await show('ssl'), 'on');
  assert.equal(await show('listen_addresses'), '127.0.0.1,127.0.0.2');
  // Who may sign in: the county's superuser from this PC, enrolled townships (members of county_township) to the
  // county's database over TLS; no line else.
  const { rows: hba } = await county.query<{ type: string; database: string[]; user_name: string[]; address: string }>(
    `SELECT type, database, user_name, address
      FROM pg_hba_file_rules
      ORDER BY line_number`,
  );
  assert.deepEqual(
    hba.map((r) => [r.type, r.database.join(','), r.user_name.join(','), r.address]),
    [
      ['local', 'all', 'postgres', null],
      ['host', 'all', 'postgres', '127.0.0.1'],
      ['host', 'all', 'postgres', '::1'],
      ['hostssl', 'postgres', '+county_township', 'all'],
    ],
  );

  // The form shows the address the server listens on, and takes no other.
  const admin = await desk.admin();
  const at = must(await desk.call(admin, 'rollup.address', {}));
  const port = new URL(office.url).port;
  assert.deepEqual(at, {
    url: `postgres://127.0.0.2:${port}/postgres?sslmode=verify-full`,
    encrypted: true,
    local: false,
    fixed: true,
  });
  const elsewhere = refused(
    await desk.call(admin, 'rollup.enrol', { code: '330122900000', name: '别处镇', url: 'postgres://10.0.0.5/x' }),
  );
  assert.equal(elsewhere.field, 'url');
  assert.match(elsewhere.message, /--listen/);

  // Enrolled on the screen: the file names the LAN address, carries the CA, and holds no key in clear.
  let handed: Awaited<ReturnType<typeof enrolOnScreen>> | null = null;
  const t = await demoTownship('2026-10-09', async (x) => {
    handed = await enrolOnScreen(x);
    return { file: handed.file, oneTimeCode: handed.out.oneTimeCode };
  });
  towns.push(t);
  const { file } = handed!;
  assert.equal(file.url, `postgres://${t.e.role}@127.0.0.2:${port}/postgres?sslmode=verify-full`);
  assert.equal(file.ca, office.reach.ca);
  assert.ok(!JSON.stringify(file).includes(t.e.key), 'the key is sealed');

  // Another county server's CA: the push is refused before anything is sent, in words the clerk can act on.
  const acked = async () =>
    (await county.query('SELECT ledger_id, acked_seq FROM county.townships WHERE code = $1', [t.e.code])).rows[0];
  t.w.ledger.db.prepare('UPDATE county_link SET ca = ?').run(makeCa('bianmin county CA 0ther000').cert);
  const wrong = refused(await t.w.call(t.admin, 'county.push', {}));
  assert.match(wrong.message, /证书不是县里登记文件中的证书/);
  assert.deepEqual(await acked(), { ledger_id: null, acked_seq: '0' });
  assert.match(must(await t.w.call(t.admin, 'county.state', {})).lastError ?? '', /证书/);
  // The right one: the push goes through, over TLS to 127.0.0.2.
  t.w.ledger.db.prepare('UPDATE county_link SET ca = ?').run(t.e.ca);
  assert.ok(must(await t.w.call(t.admin, 'county.push', {})).chunks >= 1);
  assert.equal((await acked()).ledger_id, t.w.ledger.id);
  const asA = await asTownship(t);
  assert.equal((await asA.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows[0].ssl, true);
  await asA.end();

  // Refused by pg_hba: the township without TLS on the LAN, or to another database; a login role that is not an
  // enrolled township; a township once stopped.
  await assert.rejects(asTownship(t, { ssl: false }), /no pg_hba\.conf entry.*no encryption/);
  await assert.rejects(asTownship(t, { database: 'template1' }), /no pg_hba\.conf entry/);
  await county.query(`CREATE ROLE intruder LOGIN PASSWORD 'intruder-pass-1'`);
  await assert.rejects(asTownship(t, { user: 'intruder', password: 'intruder-pass-1' }), /no pg_hba\.conf entry/);
});

test('a township role cannot LOCK or hold the shared tables: refused or timed out, and the office is not stalled', async () => {
  const [t] = towns;
  assert.ok(t, 'runs after the TLS test');
  const asA = await asTownship(t);
  // Its limits come with its role, whatever its program asks.
  const limits = await asA.query(
    `SELECT name, setting, unit
      FROM pg_settings
      WHERE name IN ('statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'idle_session_timeout')
      ORDER BY name`,
  );
  assert.deepEqual(
    limits.rows.map((r) => `${r.name}=${r.setting}${r.unit}`),
    [
      'idle_in_transaction_session_timeout=10000ms',
      'idle_session_timeout=900000ms',
      'lock_timeout=5000ms',
      'statement_timeout=60000ms',
    ],
  );
  for (const lock of [
    'LOCK county.townships',
    'LOCK county.payments IN ACCESS EXCLUSIVE MODE',
    'LOCK county.households',
    'LOCK county.persons IN SHARE MODE',
    'LOCK county.areas IN EXCLUSIVE MODE',
    'LOCK county.ledger_census IN SHARE ROW EXCLUSIVE MODE',
  ]) {
    await asA.query('BEGIN');
    await assert.rejects(asA.query(lock), /permission denied/, lock);
    await asA.query('ROLLBACK');
  }
  // No county table grants a township what LOCK needs (UPDATE, DELETE or TRUNCATE of the whole table).
  // (The grants as information_schema lists them; column grants are listed apart, in column_privileges.)
  const lockable = await county.query(
    `SELECT table_name, privilege_type
      FROM information_schema.table_privileges
      WHERE grantee IN ('county_township', 'PUBLIC')
        AND table_schema = 'county'
        AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')`,
  );
  assert.deepEqual(lockable.rows, []);
  const updatable = await county.query(
    `SELECT DISTINCT table_name
      FROM information_schema.column_privileges
      WHERE grantee = 'county_township'
        AND table_schema = 'county'
        AND privilege_type = 'UPDATE'`,
  );
  assert.ok(
    updatable.rows.some((r) => r.table_name === 'households'),
    'a push still updates its rows, column by column',
  );

  // What it may hold: a lock on its own row and the ROW EXCLUSIVE of a write, in a transaction left open. The office's
  // screens answer meanwhile; the township's own push waits 5 s for its row at most; the server ends the transaction.
  await asA.query('BEGIN');
  await asA.query(`UPDATE county.townships SET last_push = now() WHERE role = current_user`);
  await asA.query('LOCK county.payments IN ROW EXCLUSIVE MODE');
  const held = performance.now();
  const ended = new Promise<Error>((resolve) => asA.once('error', resolve));
  const admin = await desk.admin();
  const waited: Record<string, number> = {};
  const timed = async (what: string, call: () => Promise<unknown>) => {
    const t0 = performance.now();
    await call();
    waited[what] = Math.round(performance.now() - t0);
  };
  await timed('rollup.townships', async () => must(await desk.call(admin, 'rollup.townships', { year: 2026 })));
  await timed('rollup.status', async () => must(await desk.call(admin, 'rollup.status', {})));
  await timed('rollup.sameness', async () => must(await desk.call(admin, 'rollup.sameness', {})));
  await timed('rollup.enrol', async () =>
    must(await desk.call(admin, 'rollup.enrol', { code: '330122700000', name: '旁观镇' })),
  );
  t.w.ledger.db.prepare(`INSERT INTO areas (name, sort_order) VALUES ('锁外村', 90)`).run();
  const p0 = performance.now();
  const stuck = await push(t.w.ledger).then(
    () => null,
    (e: Error) => e,
  );
  const pushWait = performance.now() - p0;
  assert.match(stuck?.message ?? '', /lock timeout|上报没有完成/);
  console.log(
    `# while a township held its row: ${JSON.stringify(waited)} ms; its push gave up after ${Math.round(pushWait)} ms`,
  );
  for (const [channel, ms] of Object.entries(waited)) assert.ok(ms < 3000, `${channel} answered in ${ms} ms`);
  assert.ok(pushWait >= 4500 && pushWait < 15_000, `the push waited ${pushWait} ms`);
  // 10 s idle in its transaction, the server ends the session, and with it the locks.
  const end = await ended;
  const endedAfter = performance.now() - held;
  assert.match(end.message, /idle-in-transaction timeout/);
  assert.ok(endedAfter >= 9_500 && endedAfter < 20_000, `ended after ${endedAfter} ms`);
  await asA.end().catch(() => {});
  assert.ok((await push(t.w.ledger)).chunks >= 1, 'the next push goes through');
});

test('a township that lifts its limits cannot hold the county: the office’s start ends its sessions, a transaction held too long is ended', async () => {
  const [t] = towns;
  assert.ok(t, 'runs after the TLS test');
  // What any session may do: lift its role's limits, take the advisory lock the migrations once took, hold a table.
  const lifted = async () => {
    const c = await asTownship(t);
    for (const limit of [
      'statement_timeout',
      'lock_timeout',
      'idle_in_transaction_session_timeout',
      'idle_session_timeout',
    ])
      await c.query(`SET ${limit} = 0`);
    await c.query(`SELECT pg_advisory_lock(hashtext('bianmin county migrations'))`);
    await c.query('BEGIN');
    await c.query('LOCK county.payments IN ROW EXCLUSIVE MODE');
    return { c, ended: new Promise<Error>((resolve) => c.once('error', resolve)) };
  };
  const a = await lifted();
  // The office started again on the same server (--pg): it ends the township's sessions first and migrates at once.
  const t0 = performance.now();
  const again = await openOffice(path.join(dir, 'again.sqlite'), { pg: office.url });
  const started = performance.now() - t0;
  await again.close();
  assert.ok(started < 10_000, `the office started in ${Math.round(started)} ms`);
  assert.match((await a.ended).message, /administrator command/);
  await a.c.end().catch(() => {});
  // While the office runs: a transaction held past its bound is ended (bounds of a second here, 2 min and 30 s in use).
  const b = await lifted();
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await endHeldSessions(county, { openS: 1, idleS: 1 }), 1);
  assert.match((await b.ended).message, /administrator command/);
  await b.c.end().catch(() => {});
  t.w.ledger.db.prepare(`INSERT INTO areas (name, sort_order) VALUES ('放开村', 91)`).run();
  assert.ok((await push(t.w.ledger)).chunks >= 1, 'the next push goes through');
});

test("township roles see no other township's code: not in their rows, roles, sessions or names", async () => {
  const [a] = towns;
  const b = await demoTownship('2026-11-23', async (x) => {
    const { file, out } = await enrolOnScreen(x);
    return { file, oneTimeCode: out.oneTimeCode };
  });
  towns.push(b);
  const asB = await asTownship(b); // B connected meanwhile: its session is on the server
  const asA = await asTownship(a);
  try {
    const seen = [
      ...(await asA.query('SELECT code FROM county.townships')).rows.map((r) => r.code),
      ...(await asA.query('SELECT rolname FROM pg_roles')).rows.map((r) => r.rolname),
      ...(await asA.query('SELECT usename, application_name FROM pg_stat_activity')).rows.flatMap((r) => [
        r.usename,
        r.application_name,
      ]),
      ...(
        await asA.query('SELECT roleid::regrole::text AS r, member::regrole::text AS m FROM pg_auth_members')
      ).rows.flatMap((r) => [r.r, r.m]),
    ].join(' ');
    assert.ok(seen.includes(a.e.code), 'its own code');
    assert.ok(seen.includes(b.e.role), "B's role is listed, by a name that says nothing");
    assert.ok(!seen.includes(b.e.code), `B's code ${b.e.code} is not seen by A`);
    await assert.rejects(asA.query(`SELECT 'township_${b.e.code}'::regrole`), /does not exist/);
  } finally {
    await asA.end();
    await asB.end();
  }
});

test("a stopped township's open sessions end, it signs in no more, and pg_hba no longer admits its role", async () => {
  const b = towns[1];
  assert.ok(b, 'runs after the test of codes');
  const asB = await asTownship(b);
  const ended = new Promise<Error>((resolve) => asB.once('error', resolve));
  must(await desk.call(await desk.admin(), 'rollup.revoke', { code: b.e.code }));
  assert.match((await ended).message, /terminating connection due to administrator command/);
  await asB.end().catch(() => {});
  await assert.rejects(asTownship(b), /no pg_hba\.conf entry/);
  assert.match(refused(await b.w.call(b.admin, 'county.push', {})).message, /不认这把登记密钥|停用/);
});

test('the enrolment key opens only with the one-time code; wrong codes are refused at the field, audited and limited', async () => {
  const { file, out } = await enrolOnScreen({ code: '330122600000', name: '验证镇' });
  assert.match(out.oneTimeCode, /^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
  assert.equal(out.url, file.url);
  const w = await world();
  const admin = await w.admin();
  const text = JSON.stringify(file);
  const enrol = (oneTimeCode?: string, body = text) =>
    w.call(admin, 'county.enrol', { fileName: '验证镇登记文件.json', text: body, ...(oneTimeCode && { oneTimeCode }) });
  const wrongAudits = () =>
    w.one(`SELECT count(*) AS n FROM audit_log WHERE entity = 'county' AND after LIKE '%登记验证码错误%'`).n;

  const none = refused(await enrol());
  assert.deepEqual([none.field, none.message], ['oneTimeCode', '请输入县民政局告诉你的 10 位验证码']);
  for (let i = 1; i <= 4; i++) {
    const r = refused(await enrol('ABCDE-FGHJK'));
    assert.equal(r.field, 'oneTimeCode');
    assert.match(r.message, new RegExp(`验证码不对.*还可再试 ${5 - i} 次`));
  }
  // The file's address changed: the right code does not open it either (the seal covers every field).
  const moved = JSON.stringify({ ...file, url: file.url.replace('127.0.0.2', '10.6.6.6') });
  assert.match(refused(await enrol(out.oneTimeCode, moved)).message, /验证码不对.*已输错 5 次/);
  assert.equal(wrongAudits(), 5);
  // Five wrong in half an hour: not even the right code is tried, and that is audited too.
  const locked = refused(await enrol(out.oneTimeCode));
  assert.match(locked.message, /已连续输错 5 次，请 30 分钟后再试/);
  assert.equal(w.count('county_link'), 0);
  assert.equal(w.one(`SELECT count(*) AS n FROM audit_log WHERE after LIKE '%未再核对%'`).n, 1);
  // Half an hour later the code opens it, typed in lower case without its dash.
  w.clock.advanceMinutes(31);
  must(await w.call(admin, 'session.unlock', { password: 'admin-pass-1' })); // the screen locked meanwhile
  must(await enrol(out.oneTimeCode.toLowerCase().replace('-', '')));
  const link = w.one<{ url: string; key: string; ca: string; role: string }>('SELECT * FROM county_link');
  assert.equal(link.url, file.url);
  assert.equal(link.ca, office.reach.ca);
  const asIt = new pg.Client(connectionOf(link.url, link.key, link.ca));
  await asIt.connect();
  assert.equal((await asIt.query('SELECT current_user AS u')).rows[0].u, link.role);
  await asIt.end();
});

test('a township that never pushed may be registered again (its code forgotten): a new file, and the old key is dead', async () => {
  const first = await enrolOnScreen({ code: '330122400000', name: '重发镇' });
  const again = await enrolOnScreen({ code: '330122400000', name: '重发镇' });
  assert.notEqual(again.out.oneTimeCode, first.out.oneTimeCode);
  assert.notEqual(again.file.role, first.file.role);
  const signIn = async (f: EnrolmentFile, code: string) => {
    const e = openEnrolment(JSON.stringify(f), code)!;
    const c = new pg.Client(connectionOf(e.url, e.key, e.ca));
    c.on('error', () => {});
    await c.connect();
    await c.end();
  };
  // Its role is renamed for the new key: the old name is no role at all now.
  await assert.rejects(
    signIn(first.file, first.out.oneTimeCode),
    /no pg_hba\.conf entry|password authentication failed/,
  );
  await signIn(again.file, again.out.oneTimeCode);
  assert.equal(
    Number((await county.query(`SELECT count(*) AS n FROM county.townships WHERE code = '330122400000'`)).rows[0].n),
    1,
  );
  // Once pushed, or stopped, a code is not registered again.
  const admin = await desk.admin();
  const [pushed, stopped] = towns;
  assert.match(
    refused(await desk.call(admin, 'rollup.enrol', { code: pushed.e.code, name: '又一镇' })).message,
    /已上报/,
  );
  assert.match(
    refused(await desk.call(admin, 'rollup.enrol', { code: stopped.e.code, name: '又一镇' })).message,
    /已停用/,
  );
});

test('--pg states the privileges it needs and names the missing ones; with them the office opens, enrols and stops a township', async () => {
  await county.query('CREATE DATABASE weak_county');
  await county.query(`CREATE ROLE weak_office LOGIN PASSWORD 'weak-pass-1'`);
  // The county's own PostgreSQL admits the office's user (this server's pg_hba is the program's: a line added here).
  const hba = path.join(serverDirOf(path.join(dir, 'office.sqlite')), 'data', 'pg_hba.conf');
  fs.appendFileSync(hba, 'host weak_county weak_office 127.0.0.1/32 scram-sha-256\n');
  await county.query('SELECT pg_reload_conf()');
  const url = `postgres://weak_office:weak-pass-1@127.0.0.1:${new URL(office.url).port}/weak_county`;
  const open = () => openOffice(path.join(dir, 'weak.sqlite'), { pg: url });
  await assert.rejects(open(), (e: Error) => {
    assert.match(e.message, /用户 weak_office 缺少县级汇总所需的权限：CREATEROLE.*数据库 weak_county 的 CREATE 权限/);
    assert.match(e.message, /ALTER ROLE "weak_office" CREATEROLE; GRANT CREATE ON DATABASE "weak_county"/);
    return true;
  });
  await county.query('GRANT CREATE ON DATABASE weak_county TO weak_office');
  await assert.rejects(open(), (e: Error) => !/CREATE 权限/.test(e.message) && /CREATEROLE/.test(e.message));
  await county.query('ALTER ROLE weak_office CREATEROLE');
  const weak = await open();
  try {
    const c = await weak.pool.connect();
    try {
      // The office's own connections carry the limits too.
      assert.equal((await c.query('SHOW lock_timeout')).rows[0].lock_timeout, '5s');
      assert.equal((await c.query('SHOW statement_timeout')).rows[0].statement_timeout, '1min');
      assert.equal(
        (await c.query('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0].rolsuper,
        false,
      );
      const e = await enrolTownship(c, '青山县民政局', weak.reach, { code: '330122500000', name: '弱权镇' });
      await revokeTownship(c, e.code);
      const { rows } = await c.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [e.role]);
      assert.deepEqual(rows, [{ rolcanlogin: false }]);
    } finally {
      c.release();
    }
  } finally {
    await weak.close();
  }
});

test('connections keep the sslmode of their address, with the CA of the enrolment verify-full, and the limits', () => {
  const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
  const ssl = (url: string, withCa?: string) => connectionOf(url, 'k'.repeat(16), withCa).ssl;
  assert.equal(ssl('postgres://r@10.0.0.5:5432/county'), false);
  assert.deepEqual(ssl('postgres://r@10.0.0.5:5432/county?sslmode=require'), { rejectUnauthorized: false });
  assert.deepEqual(ssl('postgres://r@10.0.0.5:5432/county?sslmode=verify-full'), {});
  assert.deepEqual(ssl('postgres://r@10.0.0.5:5432/county', ca), { ca });
  assert.deepEqual(ssl('postgres://r@10.0.0.5:5432/county?sslmode=disable', ca), { ca });
  const verifyCa = ssl('postgres://r@10.0.0.5:5432/county?sslmode=verify-ca', ca) as { ca: string };
  assert.equal(verifyCa.ca, ca);
  const c = connectionOf('postgres://r@[fd00::5]:5433/county?sslmode=verify-full', 'k'.repeat(16), ca);
  assert.deepEqual([c.host, c.port, c.database, c.user], ['fd00::5', 5433, 'county', 'r']);
  assert.deepEqual(
    [c.keepAlive, c.statement_timeout, c.lock_timeout, c.idle_in_transaction_session_timeout, c.query_timeout],
    [true, 60_000, 5_000, 10_000, 90_000],
  );
});

test('--listen ADDR[:PORT] goes with --county only, and names one address of this PC', () => {
  const db = ['--db', '/tmp/office.sqlite', '--county'];
  assert.deepEqual(parseOptions([...db, '--listen', '192.168.1.10'], {}).office, { listen: { host: '192.168.1.10' } });
  assert.deepEqual(parseOptions([...db, '--listen', '192.168.1.10:5432'], {}).office, {
    listen: { host: '192.168.1.10', port: 5432 },
  });
  assert.deepEqual(parseOptions([...db, '--listen', '[fd00::5]:5433'], {}).office, {
    listen: { host: 'fd00::5', port: 5433 },
  });
  assert.deepEqual(parseOptions([...db, '--listen', 'county-pc.local'], {}).office, {
    listen: { host: 'county-pc.local' },
  });
  assert.deepEqual(parseOptions([...db], {}).office, {});
  for (const [args, said] of [
    [['--db', 'x.sqlite', '--listen', '192.168.1.10'], /只能与 --county 同用/],
    [['--db', 'x.sqlite', '--pg', 'postgres://a@b/c', '--listen', '192.168.1.10'], /只能与 --county 同用/],
    [[...db, '--listen', '0.0.0.0'], /本机的一个局域网地址/],
    [[...db, '--listen', '192.168.1.10:99999'], /端口应为 1–65535/],
    [[...db, '--listen', 'a b'], /本机的一个局域网地址/],
  ] as const)
    assert.throws(
      () => parseOptions([...args], {}),
      (e: Error) => e instanceof UsageError && said.test(e.message),
    );
});
