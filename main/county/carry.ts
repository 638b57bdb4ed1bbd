// 离线报送: when the county cannot be reached, the township writes what a push would send to a file, signed with a
// key derived from its enrolment key (HMAC-SHA256), and carries it on a USB stick. The file holds ID numbers and
// accounts, so it is also encrypted (AES-256-GCM, another key derived from the same one); only the township's code is
// in clear, for the county to find the key. The county imports it chunk by chunk through applyChunk, under the
// township's own role: the same effect as a push, and nothing a push would refuse.
// Files are numbered (第 N 批) and each starts where the county last said it stood (a push's answer or a 回执), so a
// later file holds all of an earlier one: a file lost on the way is made good by the next, one carried twice or out
// of order changes nothing. A file that starts after where the county stands (the county's database restored) is
// refused whole, naming the batch the county lacks; its 回执 (receipt.ts) then makes the township send everything.
import crypto from 'node:crypto';
import zlib from 'node:zlib';

import type pg from 'pg';

import { AppError } from '../../shared/domain/result';
import { isoCn } from '../../shared/domain/time';
import type { Ledger } from '../core/ledger';
import { type DB, prep } from '../db/open';
import { noticeRestore, pendingEpoch } from './epochs';
import { linkOf, readChunk } from './link';
import { applyChunk, carryKey, type Chunk, countyColumns, type ResyncWhy, startEpoch } from './store';

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

/** The signature of a carried file's body, or of a 回执's (receipt.ts): HMAC-SHA256 under the carry key, in hex. */
export const signed = (key: Buffer, body: string) => crypto.createHmac('sha256', key).update(body).digest('hex');

/** Whether `mac` is the body's signature under the key, compared in constant time. */
export function signedBy(key: Buffer, body: string, mac: string): boolean {
  const [given, want] = [Buffer.from(mac, 'hex'), Buffer.from(signed(key, body), 'hex')];
  return given.length === want.length && crypto.timingSafeEqual(given, want);
}

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
  /** The 纪元 (absent in files of earlier versions: the first) and the 批号. */
  epoch?: string | null;
  batch?: number;
  /** The file begins a 纪元 the county has not taken: every row was queued after `from`. */
  resync?: { from: number; why: ResyncWhy } | null;
  chunks: Chunk[];
}

/**
 * Every change the county has not acknowledged (as far as this ledger knows), as the next batch: a signed, compressed
 * file, and a line of county_carries until a push or a 回执 acknowledges it.
 */
export function writeCarry(
  ledger: Ledger,
  lines = 5000,
): { data: Buffer; batch: number; from: number; to: number; chunks: number } {
  const db: DB = ledger.db;
  if (!linkOf(db)) throw new AppError('VALIDATION', '本台账还没有登记到县里：请先载入县民政局发的登记文件');
  noticeRestore(db);
  const link = linkOf(db)!;
  const chunks: Chunk[] = [];
  for (let from = link.acked_seq; ;) {
    const c = readChunk(db, ledger.id, from, lines);
    if (!c) break;
    chunks.push(c);
    from = c.to;
  }
  if (!chunks.length) throw new AppError('VALIDATION', '县里已确认收到本台账的全部变动，没有需要报送的内容');
  const batch = link.carried_batch + 1;
  const to = chunks.at(-1)!.to;
  const begun = pendingEpoch(link);
  const body = JSON.stringify({
    format: FORMAT,
    code: link.code,
    ledgerId: ledger.id,
    epoch: link.epoch,
    batch,
    resync: begun && { from: begun.from, why: begun.why },
    chunks,
  } satisfies Carried);
  const data = sealCarry(carryKey(link.key), link.code, { body, mac: signed(carryKey(link.key), body) });
  db.transaction(() => {
    prep(db, 'UPDATE county_link SET carried_batch = ?').run(batch);
    prep(
      db,
      `INSERT INTO county_carries (batch, from_seq, to_seq, made_at)
        VALUES (?, ?, ?, ?)`,
    ).run(batch, link.acked_seq, to, isoCn(ledger.clock()));
  })();
  return { data, batch, from: link.acked_seq, to, chunks: chunks.length };
}

const notOurs = () => new AppError('VALIDATION', '这不是乡镇导出的离线报送文件', 'file');

/** Signature, township and format of a carried file, checked whole before anything of it is applied. */
function openCarry(key: Buffer, code: string, data: Buffer): Carried {
  const badSignature = () =>
    new AppError('VALIDATION', '文件的签名不对：文件被改动过，或不是这个乡镇导出的，未导入任何内容', 'file');
  const outer = unsealCarry(key, data);
  if (!outer || typeof outer.body !== 'string' || typeof outer.mac !== 'string') throw badSignature();
  if (!signedBy(key, outer.body, outer.mac)) throw badSignature();
  let carried: Carried;
  try {
    carried = JSON.parse(outer.body) as Carried;
  } catch {
    throw notOurs();
  }
  if (carried.format !== FORMAT || carried.code !== code || !Array.isArray(carried.chunks)) throw notOurs();
  const epoch = carried.epoch ?? null;
  if (carried.chunks.some((c) => c.ledgerId !== carried.ledgerId || (c.epoch ?? null) !== epoch)) throw notOurs();
  return carried;
}

interface Township {
  name: string;
  role: string;
  revoked: boolean;
  carry_key: string;
  ledger_id: string | null;
  epoch: string | null;
  acked_seq: string;
  last_batch: number;
}

/**
 * Applies a carried file: checked whole first (signature, township, 纪元, where it starts), then chunk by chunk;
 * what the county has already is skipped.
 */
export async function importCarry(
  client: pg.ClientBase,
  data: Buffer,
): Promise<{ code: string; township: string; batch: number; applied: number; skipped: number; acked: number }> {
  const code = carriedCode(data);
  if (!code) throw notOurs();
  const { rows } = await client.query<Township>(
    `SELECT name, role, revoked, carry_key, ledger_id, epoch, acked_seq, last_batch
      FROM county.townships
      WHERE code = $1`,
    [code],
  );
  if (!rows.length)
    throw new AppError('VALIDATION', `区划代码 ${code} 的乡镇没有在本县登记：文件可能来自别的县`, 'file');
  const t = rows[0];
  if (t.revoked) throw new AppError('FORBIDDEN', `${t.name}的登记已停用，不接收它的文件`, 'file');
  const carried = openCarry(Buffer.from(t.carry_key, 'hex'), code, data);
  if (t.ledger_id && t.ledger_id !== carried.ledgerId)
    throw new AppError('FORBIDDEN', `这个文件来自另一本台账，不是${t.name}登记的那一本`, 'file');
  const batch = carried.batch ?? 0;
  const named = batch ? `第 ${batch} 批` : '这个文件';
  const from = carried.chunks[0]?.from ?? 0;
  const missing = (acked: number) =>
    new AppError(
      'CONFLICT',
      `缺少第 ${t.last_batch + 1} 批，请乡镇补导：县里只收到第 ${acked} 条变动，${named}从第 ${from} 条开始。` +
        `请把${t.name}的回执交乡镇载入，乡镇再导出的文件即可接上`,
      'file',
    );
  const epoch = carried.epoch ?? null;
  if (epoch !== t.epoch) {
    const ended = await client.query(
      `SELECT 1
        FROM county.epochs
        WHERE ledger_id = $1
          AND epoch IS NOT DISTINCT FROM $2`,
      [carried.ledgerId, epoch],
    );
    if (ended.rowCount)
      throw new AppError(
        'CONFLICT',
        `${named}是${t.name}重新上报全部数据之前导出的，已作废，不必导入：以乡镇之后导出的文件为准`,
        'file',
      );
    // A 纪元 the county never saw, begun by this file, or one the county's database lost (restored from a backup).
    if (!carried.resync) throw missing(Number(t.acked_seq));
    await startEpoch(client, { ledgerId: carried.ledgerId, epoch: epoch!, ...carried.resync }, { role: t.role });
  }
  const types = await countyColumns(client);
  let [applied, skipped] = [0, 0];
  let acked = Number(t.acked_seq);
  for (const chunk of carried.chunks) {
    const r = await applyChunk(client, types, chunk, { role: t.role });
    acked = r.acked;
    if (r.outcome === 'applied') applied++;
    else if (r.outcome === 'had')
      skipped++; // the county had it already, by a push or an earlier file
    // Chunks follow on from each other: only the first can start past the county, and then nothing was applied.
    else if (r.outcome === 'gap') throw missing(r.acked);
    else throw new AppError('CONFLICT', `${t.name}刚刚开始重新上报全部数据，${named}已作废`, 'file');
  }
  await client.query(
    `UPDATE county.townships
      SET last_batch = greatest(last_batch, $1)
      WHERE code = $2
        AND epoch IS NOT DISTINCT FROM $3`,
    [batch, code, epoch],
  );
  await client.query(`INSERT INTO county.audit_log (action, detail) VALUES ('carry', $1)`, [
    JSON.stringify({ code, township: t.name, batch, applied, skipped, acked }),
  ]);
  return { code, township: t.name, batch, applied, skipped, acked };
}
