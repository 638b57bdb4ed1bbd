// The web host over real HTTP: token, Host and Origin checks, envelopes, CSP on the page; nothing written on refusal.
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { startWebHost, type WebHost } from '../../main/webhost/server';
import { type World, world } from './helpers';

let w: World;
let host: WebHost;

before(async () => {
  w = await world();
  host = await startWebHost({ dispatcher: w.dispatcher, rendererDir: path.resolve(__dirname, '../../dist/renderer') });
});
after(() => host.close());

function request(opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request({
    path: `/api/${channel}`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Bianmin-Token': host.token, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const errorOf = (r: { body: string }) =>
  (JSON.parse(r.body) as { ok: false; error: { code: string; message: string } }).error;

test('listens on 127.0.0.1 only, and prints its address with the token in the fragment', () => {
  assert.match(host.url, new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/#token=[\\w-]{32}$`));
});

test('a missing or wrong token, a foreign Host or Origin are refused and nothing is written', async () => {
  const audits = w.count('audit_log');
  const create = { username: 'admin', displayName: '冒充者', password: 'password-1' };
  const noToken = await request({
    path: '/api/setup.createAdmin',
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(create),
  });
  assert.equal(noToken.status, 401);
  assert.equal(errorOf(noToken).code, 'FORBIDDEN');
  const wrong = await api('setup.createAdmin', create, {
    'X-Bianmin-Token': host.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
  });
  assert.equal(wrong.status, 401);
  const shortToken = await api('setup.createAdmin', create, { 'X-Bianmin-Token': 'x' });
  assert.equal(shortToken.status, 401);
  const rebinding = await api('setup.createAdmin', create, { Host: `evil.example:${host.port}` });
  assert.equal(rebinding.status, 403);
  assert.match(errorOf(rebinding).message, /回环地址/);
  const localhostName = await api('setup.createAdmin', create, { Host: `localhost:${host.port}` });
  assert.equal(localhostName.status, 403);
  const otherPage = await api('setup.createAdmin', create, { Origin: 'http://127.0.0.1:1' });
  assert.equal(otherPage.status, 403);
  assert.match(errorOf(otherPage).message, /其他网页/);
  const pageFromElsewhere = await request({ path: '/', headers: { Host: 'attacker.test' } });
  assert.equal(pageFromElsewhere.status, 403);
  assert.equal(w.count('staff'), 0);
  assert.equal(w.count('audit_log'), audits);
});

test('unknown channel, malformed JSON and a role not allowed come back as envelopes', async () => {
  assert.equal(errorOf(await api('households.nuke', {})).code, 'NOT_FOUND');
  const bad = await api('setup.createAdmin', '{"username": ');
  assert.equal(bad.status, 400);
  assert.equal(errorOf(bad).code, 'VALIDATION');
  const formPost = await request({
    path: '/api/setup.state',
    method: 'POST',
    headers: { 'X-Bianmin-Token': host.token, 'Content-Type': 'text/plain' },
    body: '{}',
  });
  assert.equal(formPost.status, 415);
  // Not signed in on this host's session yet: admin-only channels are refused.
  assert.equal(errorOf(await api('staff.list', {})).code, 'FORBIDDEN');
  const ok = JSON.parse((await api('setup.state', {})).body);
  const door = {
    needsAdmin: true,
    centerName: '乡镇便民服务中心',
    demo: null,
    plain: false,
    recoveryPending: true,
    county: false, // a township's ledger: its own menu, not the county office's
  };
  assert.deepEqual(ok, { ok: true, value: door });
});

test('the session is bound to the token: signing in over HTTP lets that token in, and only that token', async () => {
  assert.equal(
    JSON.parse(
      (await api('setup.createAdmin', { username: 'admin', displayName: '王管理', password: 'admin-pass-1' })).body,
    ).ok,
    true,
  );
  assert.equal(
    JSON.parse((await api('session.signIn', { username: 'admin', password: 'admin-pass-1' })).body).ok,
    true,
  );
  assert.equal(JSON.parse((await api('staff.list', {})).body).ok, true);
  assert.equal((await api('staff.list', {}, { 'X-Bianmin-Token': 'A'.repeat(host.token.length) })).status, 401);
});

test('a second browser page on the same address is told whose session it shares; the page that signed in is not', async () => {
  const state = async (tab?: string) =>
    (
      JSON.parse((await api('session.state', {}, tab ? { 'X-Bianmin-Tab': tab } : {})).body) as {
        value: { staff: { displayName: string } | null; elsewhere?: true };
      }
    ).value;
  const [first, second] = ['a'.repeat(22), 'b'.repeat(22)];
  assert.equal(JSON.parse((await api('session.signOut', {})).body).ok, true);
  const signedIn = await api(
    'session.signIn',
    { username: 'admin', password: 'admin-pass-1' },
    { 'X-Bianmin-Tab': first },
  );
  assert.equal(JSON.parse(signedIn.body).ok, true);
  assert.equal((await state(first)).elsewhere, undefined, 'the page that signed in');
  const other = await state(second);
  assert.equal(other.elsewhere, true, 'another page');
  assert.equal(other.staff?.displayName, '王管理', 'and whose session it is');
  assert.equal((await state('short')).elsewhere, true, 'a page with a malformed id is another page');
  // Signed out (from either page), the session belongs to no page; the next page to use it signed in holds it.
  assert.equal(JSON.parse((await api('session.signOut', {}, { 'X-Bianmin-Tab': second })).body).ok, true);
  assert.equal((await state(first)).staff, null);
  assert.equal(
    JSON.parse((await api('session.signIn', { username: 'admin', password: 'admin-pass-1' })).body).ok,
    true,
  );
  assert.equal(
    (await state(second)).elsewhere,
    undefined,
    'signed in by a call without a page: the next page holds it',
  );
  assert.equal((await state(first)).elsewhere, true);
  // A page that signs in takes the session: the page it was taken from is told, and the new one is not.
  const again = await api(
    'session.signIn',
    { username: 'admin', password: 'admin-pass-1' },
    { 'X-Bianmin-Tab': first },
  );
  assert.equal(JSON.parse(again.body).ok, true);
  assert.equal((await state(first)).elsewhere, undefined);
  assert.equal((await state(second)).elsewhere, true);
});

test('the page carries a strict CSP with a fresh nonce and no unsafe-inline or unsafe-eval', async () => {
  const a = await request({ path: '/' });
  const b = await request({ path: '/' });
  assert.equal(a.status, 200);
  const csp = String(a.headers['content-security-policy']);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  assert.ok(a.body.includes(`content="${nonce}"`), 'the nonce is handed to the page');
  assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
  assert.match(csp, /script-src 'self'/);
  assert.notEqual(String(b.headers['content-security-policy']), csp);
  assert.equal((await request({ path: '/../../etc/passwd' })).status, 404);
  assert.equal((await request({ path: '/%2e%2e/%2e%2e/etc/passwd' })).status, 404);
});
