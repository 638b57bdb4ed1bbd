// Serving the built renderer, for both hosts (app:// in Electron, http://127.0.0.1 in the web host), with one CSP.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** dist/renderer, beside this bundle's dist/main. */
export const RENDERER_DIR = path.join(__dirname, '..', 'renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * No inline script, no eval, no remote origin. antd and ag-grid inject <style> elements: they carry this response's
 * nonce (read by the renderer from <meta name="csp-nonce">) instead of allowing 'unsafe-inline'.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface Asset {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const COMMON = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };

export function serveAsset(urlPath: string, root = RENDERER_DIR): Asset {
  const rel = decodeURIComponent(urlPath.split('?')[0]).replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, rel);
  if (!file.startsWith(path.resolve(root) + path.sep) || !fs.statSync(file, { throwIfNoEntry: false })?.isFile())
    return {
      status: 404,
      headers: { ...COMMON, 'Content-Type': 'text/plain; charset=utf-8' },
      body: Buffer.from('未找到'),
    };
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  if (path.extname(file) !== '.html')
    return { status: 200, headers: { ...COMMON, 'Content-Type': type }, body: fs.readFileSync(file) };
  const nonce = crypto.randomBytes(16).toString('base64');
  const html = fs.readFileSync(file, 'utf8').replaceAll('__CSP_NONCE__', nonce);
  return {
    status: 200,
    headers: {
      ...COMMON,
      'Content-Type': type,
      'Content-Security-Policy': contentSecurityPolicy(nonce),
      'X-Frame-Options': 'DENY',
    },
    body: Buffer.from(html),
  };
}
