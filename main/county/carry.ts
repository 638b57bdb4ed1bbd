// 离线报送: when the county cannot be reached, the township writes what a push would send to a file, signed with a
// key derived from its enrolment key (HMAC-SHA256), and carries it on a USB stick. The file holds ID numbers and
// accounts, so it is also encrypted (AES-256-GCM, another key derived from the same one); only the township's code is
// in clear, for the county to find the key. The county imports it chunk by chunk through applyChunk, under the
// township's own role: the same effect as a push, and nothing a push would refuse.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

import type pg from 'pg';

import { AppError } from '../../shared/domain/result';
import type { Ledger } from '../core/ledger';
import type { DB } from '../db/open';
import { linkOf, readChunk } from './push';
import { applyChunk, carryKey, type Chunk, countyColumns } from './store';

const FORMAT = 'bianmin-county-carry';
const MAGIC = Buffer.from('BMCARRY1');

/** The signed inner file, compressed and encrypted behind its township's code. */
export function sealCarry(carry: Buffer, code: string, signed: { body: string; mac: string }): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', sealKey(carry), iv);
  const sealed = Buffer.concat([cipher.update(zlib.gzipSync(JSON.stringify(signed))), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from(code, 'ascii'), iv, cipher.getAuthTag(), sealed]);
}

/** The signed inner file, or null when the key is not the one it was sealed with or a byte was changed. */
export function unsealCarry(carry: Buffer, data: Buffer): { body?: unknown; mac?: unknown } | null {
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', sealKey(carry), data.subarray(20, 32));
    decipher.setAuthTag(data.subarray(32, 48));
    const inner = Buffer.concat([decipher.update(data.subarray(48)), decipher.final()]);
    return JSON.parse(zlib.gunzipSync(inner).toString('utf8')) as { body?: unknown; mac?: unknown };
  } catch {
    return null;
  }
}

const sealKey = (carry: Buffer) => crypto.createHmac('sha256', carry).update('seal').digest();

/** The township code in a carried file's clear header, or null when it is not one. */
export function carriedCode(data: Buffer): string | null {
  if (data.length < 48 || !data.subarray(0, 8).equals(MAGIC)) return null;
  const code = data.subarray(8, 20).toString('ascii');
  return /^\d{12}$/.test(code) ? code : null;
}

interface Carried {
  format: typeof FORMAT;
  code: string;
  ledgerId: string;
  chunks: Chunk[];
}

/** Every change the county has not acknowledged (as far as this ledger knows), as a signed, compressed file. */
export function writeCarry(ledger: Ledger, lines = 5000): { data: Buffer; from: number; to: number; chunks: number } {
  const db: DB = ledger.db;
  const link = linkOf(db);
  if (!link) throw new AppError('VALIDATION', '本台账还没有登记到县里：请先载入县民政局发的登记文件');
  const chunks: Chunk[] = [];
  for (let from = link.acked_seq; ;) {
    const c = readChunk(db, ledger.id, from, lines);
    if (!c) break;
    chunks.push(c);
    from = c.to;
  }
  const body = JSON.stringify({ format: FORMAT, code: link.code, ledgerId: ledger.id, chunks } satisfies Carried);
  const mac = crypto.createHmac('sha256', carryKey(link.key)).update(body).digest('hex');
  const data = sealCarry(carryKey(link.key), link.code, { body, mac });
  return { data, from: link.acked_seq, to: chunks.at(-1)?.to ?? link.acked_seq, chunks: chunks.length };
}

const notOurs = () => new AppError('VALIDATION', '这不是乡镇导出的离线报送文件', 'file');

/** Applies a carried file: checked whole first (signature, township, order), then chunk by chunk. */
export async function importCarry(
  client: pg.ClientBase,
  data: Buffer,
): Promise<{ code: string; township: string; applied: number; skipped: number; acked: number }> {
  const code = carriedCode(data);
  if (!code) throw notOurs();
  const { rows } = await client.query<{ name: string; role: string; revoked: boolean; carry_key: string }>(
    `SELECT name, role, revoked, carry_key
      FROM county.townships
      WHERE code = $1`,
    [code],
  );
  if (!rows.length)
    throw new AppError('VALIDATION', `区划代码 ${code} 的乡镇没有在本县登记：文件可能来自别的县`, 'file');
  const t = rows[0];
  if (t.revoked) throw new AppError('FORBIDDEN', `${t.name}的登记已停用，不接收它的文件`, 'file');
  const key = Buffer.from(t.carry_key, 'hex');
  const badSignature = () =>
    new AppError('VALIDATION', '文件的签名不对：文件被改动过，或不是这个乡镇导出的，未导入任何内容', 'file');
  const outer = unsealCarry(key, data);
  if (!outer || typeof outer.body !== 'string' || typeof outer.mac !== 'string') throw badSignature();
  const mac = crypto.createHmac('sha256', key).update(outer.body).digest();
  const given = Buffer.from(outer.mac, 'hex');
  if (given.length !== mac.length || !crypto.timingSafeEqual(given, mac)) throw badSignature();
  let carried: Carried;
  try {
    carried = JSON.parse(outer.body) as Carried;
  } catch {
    throw notOurs();
  }
  if (carried.format !== FORMAT || carried.code !== code || !Array.isArray(carried.chunks)) throw notOurs();
  const types = await countyColumns(client);
  let applied = 0;
  let skipped = 0;
  let acked = 0;
  for (const chunk of carried.chunks) {
    if (chunk.ledgerId !== carried.ledgerId) throw notOurs();
    const r = await applyChunk(client, types, chunk, { role: t.role });
    acked = r.acked;
    if (r.applied) applied++;
    else if (chunk.to <= r.acked)
      skipped++; // the county had it already, by a push or an earlier file
    else
      throw new AppError(
        'CONFLICT',
        `文件与县里已收到的变动接不上（县里已收到第 ${r.acked} 条，这一段从第 ${chunk.from} 条开始），请乡镇重新导出`,
        'file',
      );
  }
  await client.query(`INSERT INTO county.audit_log (action, detail) VALUES ('carry', $1)`, [
    JSON.stringify({ code, township: t.name, applied, skipped, acked }),
  ]);
  return { code, township: t.name, applied, skipped, acked };
}
