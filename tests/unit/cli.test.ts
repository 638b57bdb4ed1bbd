// @dated (tests/tools/check-tests.mjs): run again under faketime by .ci/run
// `npm start` as a person runs it (the built dist/main/start.cjs): one line, clean stop, clear refusals.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { type Host, LINE, runCli, startHost, tempDir } from '../e2e/host';
import { keyedFile } from './helpers';

/** A call over the host's token; the answer's value, or the test fails. */
async function post(h: Host, channel: string, input: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.base}api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Bianmin-Token': h.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: Record<string, unknown> };
  assert.equal(body.ok, true, JSON.stringify(body));
  return body.value;
}

test('prints exactly one line with the loopback address and token; SIGTERM checkpoints, backs up, exits 0', async () => {
  const h = await startHost();
  assert.match(h.stdout().trimEnd(), LINE);
  assert.equal(h.stdout().split('\n').filter(Boolean).length, 1);
  assert.equal((await post(h, 'setup.state', {})).needsAdmin, true);
  await post(h, 'setup.createAdmin', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  assert.equal(await h.stop('SIGTERM'), 0);
  assert.equal(
    fs.existsSync(h.db + '-wal') && fs.statSync(h.db + '-wal').size > 0,
    false,
    'WAL folded back into the file',
  );
  const db = keyedFile(h.db, { readonly: true });
  // Backups sit in a folder named by the ledger's identity, readable by the user alone.
  const id = JSON.parse(
    (db.prepare(`SELECT value FROM settings WHERE key = 'ledgerId'`).get() as { value: string }).value,
  );
  const folder = path.join(h.dir, 'backups', id);
  const backups = fs.readdirSync(folder);
  assert.equal(backups.filter((f) => f.endsWith('-exit.sqlite')).length, 1);
  assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(folder, backups[0])).mode & 0o777, 0o600);
  assert.equal(fs.statSync(h.db).mode & 0o777, 0o600);
  assert.ok((db.pragma('user_version', { simple: true }) as number) >= 1);
  db.close();
});

test('Ctrl+C (SIGINT) stops cleanly too, and --port is honoured', async () => {
  const probe = await startHost();
  const port = probe.port;
  await probe.stop();
  const h = await startHost({ args: ['--port', String(port)] });
  assert.equal(h.port, port);
  assert.equal(await h.stop('SIGINT'), 0);
});

test('BIANMIN_DB chooses the ledger when --db is absent; a bad --port writes nothing', async () => {
  const chosen = path.join(tempDir(), '台账 2026', 'from-env.sqlite');
  const h = await startHost({ db: chosen, viaEnv: true });
  assert.equal(fs.existsSync(path.dirname(chosen)), true, 'its folder is made at start');
  assert.equal(fs.existsSync(chosen), false, 'the ledger itself with the first administrator');
  await post(h, 'setup.createAdmin', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' });
  assert.equal(fs.existsSync(chosen), true);
  assert.equal(await h.stop(), 0);
  const file = path.join(tempDir(), 'never.sqlite');
  const r = await runCli(['--no-open', '--port', 'x'], { BIANMIN_DB: file });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /端口应为/);
  assert.equal(fs.existsSync(file), false, 'nothing written on a usage error');
});

test('a --db that is a directory, unwritable, on a network share, or corrupt: a clear stderr line, exit 2, nothing written', async () => {
  const dir = tempDir();
  const cases: [string, RegExp][] = [
    [dir, /是一个文件夹/],
    ['/proc/bianmin/ledger.sqlite', /无法写入/],
    ['//fileserver/share/ledger.sqlite', /网络共享/],
  ];
  const garbled = path.join(dir, 'garbled.sqlite');
  fs.writeFileSync(garbled, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 7)]));
  cases.push([garbled, /已损坏|不是台账/]);
  for (const [db, msg] of cases) {
    const r = await runCli(['--db', db, '--no-open']);
    assert.equal(r.code, 2, db);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^无法打开台账：/);
    assert.match(r.stderr, msg);
  }
  assert.deepEqual(fs.readdirSync(dir), ['garbled.sqlite']);
  const r = await runCli(['--bogus']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /用法: npm start/);
});
