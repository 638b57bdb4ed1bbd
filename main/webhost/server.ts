// The web host: the same app without Electron, on 127.0.0.1 only. A random token reaches the browser in the URL
// fragment (never sent in a request line or a Referer); every API call must carry it, and the one session is bound
// to it. A Host or Origin other than this loopback address is refused (DNS rebinding, other local pages).
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Result } from '../../shared/domain/result';
import { serveAsset } from '../assets';
import { type Dispatcher, newSession } from '../core/dispatch';

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
const TAB = /^[\w-]{16,64}$/;
const SIGN_INS = new Set(['session.signIn', 'session.recover', 'setup.createAdmin', 'setup.encrypt']);
/** A roster of up to 20 MB arrives as base64 in one call. */
const MAX_IMPORT_BODY = 28 * 1024 * 1024 + 4096;

function send(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(json);
}

const refuse = (res: http.ServerResponse, status: number, message: string) =>
  send(res, status, { ok: false, error: { code: 'FORBIDDEN', message } });

function sameToken(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const TOO_LARGE = Symbol('too large');
const STALLED = Symbol('stalled');
/** A body that sends nothing for this long is cut off: a stalled sender must not hold a request open for ever. */
export const BODY_IDLE_MS = 10_000;

/** Reads the body up to the limit; past it, stops keeping what arrives and answers at once. */
function readBody(
  req: http.IncomingMessage,
  limit: number,
  idleMs: number,
): Promise<string | typeof TOO_LARGE | typeof STALLED> {
  if (Number(req.headers['content-length']) > limit) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let idle = setTimeout(() => stop(STALLED), idleMs);
    const stop = (r: typeof TOO_LARGE | typeof STALLED) => {
      clearTimeout(idle);
      req.off('data', onData);
      req.resume(); // the rest is drained unread, so the client can finish sending and hear the answer
      resolve(r);
    };
    const onData = (c: Buffer) => {
      clearTimeout(idle);
      idle = setTimeout(() => stop(STALLED), idleMs);
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      stop(TOO_LARGE);
    };
    req.on('data', onData);
    req.on('end', () => {
      clearTimeout(idle);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (e) => {
      clearTimeout(idle);
      reject(e);
    });
  });
}

/** The path of a request line, or null when it cannot be a path here (bad %-escapes, overlong UTF-8, NUL). */
function pathOf(url: string): string | null {
  try {
    const p = decodeURIComponent(url.split('?')[0]);
    return p.includes('\0') ? null : p;
  } catch {
    return null;
  }
}

export async function startWebHost(opts: {
  dispatcher: Dispatcher;
  port?: number;
  token?: string;
  rendererDir?: string;
  bodyIdleMs?: number;
}): Promise<WebHost> {
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const session = newSession();
  // The page (a random id each browser tab keeps, X-Bianmin-Tab) that holds the signed-in session: another page on
  // the same URL shares the session, since it is bound to the token, and is told whose it is (`elsewhere`).
  let owner: string | null = null;
  let origin = '';

  const server = http.createServer(async (req, res) => {
    try {
      if (req.headers.host !== origin.slice('http://'.length))
        return refuse(res, 403, '拒绝访问：地址不是本机回环地址');
      if (req.headers.origin !== undefined && req.headers.origin !== origin)
        return refuse(res, 403, '拒绝访问：请求来自其他网页');
      const url = req.url ?? '/';
      const urlPath = pathOf(url);
      if (urlPath === null)
        return send(res, 400, { ok: false, error: { code: 'VALIDATION', message: '请求地址无效' } });
      if (req.method === 'POST' && urlPath.startsWith('/api/')) {
        if (!sameToken(req.headers['x-bianmin-token'], token)) {
          // The body of a call without the token is never read: the connection closes after the answer.
          res.setHeader('Connection', 'close');
          return refuse(res, 401, '访问令牌无效，请用启动时显示的完整地址打开本程序');
        }
        if (!String(req.headers['content-type']).startsWith('application/json'))
          return send(res, 415, { ok: false, error: { code: 'VALIDATION', message: '请求格式应为 JSON' } });
        const large = urlPath === '/api/imports.open';
        const body = await readBody(req, large ? MAX_IMPORT_BODY : MAX_BODY, opts.bodyIdleMs ?? BODY_IDLE_MS);
        if (body === STALLED) {
          res.setHeader('Connection', 'close');
          return send(res, 408, { ok: false, error: { code: 'VALIDATION', message: '请求内容长时间未送达，已断开' } });
        }
        if (body === TOO_LARGE) {
          const message = large ? '文件超过 20 MB，请只保留需要导入的工作表后另存再导入' : '请求内容超过 10 MB';
          return send(res, 413, { ok: false, error: { code: 'VALIDATION', message } });
        }
        let input: unknown;
        try {
          input = body ? JSON.parse(body) : {};
        } catch {
          return send(res, 400, { ok: false, error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON' } });
        }
        const channel = urlPath.slice('/api/'.length);
        const answer = await opts.dispatcher.dispatch(session, channel, input);
        const tab = String(req.headers['x-bianmin-tab'] ?? '');
        const page = TAB.test(tab) ? tab : null;
        // A sign-in makes its page the holder (the page it took the session from is told on its next look); a call
        // without a page (a script, a test) leaves it to the next page that uses the signed-in session.
        if (!session.staff) owner = null;
        else if (answer.ok && SIGN_INS.has(channel)) owner = page;
        else owner ??= page;
        if (channel === 'session.state' && answer.ok && session.staff && owner !== null && tab !== owner)
          Object.assign(answer.value as object, { elsewhere: true });
        return send(res, 200, answer);
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, '不支持的请求方法');
      const asset = serveAsset(url, opts.rendererDir);
      res.writeHead(asset.status, asset.headers);
      res.end(req.method === 'HEAD' ? undefined : asset.body);
    } catch (e) {
      console.error('[webhost]', e);
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '内部错误' } });
    }
  });

  // Node's own limits as a second line: the headers within 20 s, the whole request within two minutes.
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
