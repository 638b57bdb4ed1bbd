// 回执: the county's word to a township that can only carry files. After an import the office hands back where the
// county stands with that township (its 纪元, the last line it applied, the last 批号), signed with the township's
// carry key so that the township knows it is the county's; the township loads it under 设置 → 县级上报, which does
// what a push's first question does (epochs.ts): it moves the acknowledged number and prunes the outbox and the files
// the county has, or, when the county cannot be on the ledger's line, makes the next file send everything.
import type pg from 'pg';

import { AppError } from '../../shared/domain/result';
import { dateCn } from '../../shared/domain/time';
import type { ReceiptAnswer } from '../../shared/schemas/county';
import { type DB, prep } from '../db/open';
import { signed, signedBy } from './carry';
import { reconcile } from './epochs';
import { linkOf, settle } from './link';
import { carryKey, type CountyView, countyView } from './store';

const FORMAT = 'bianmin-county-receipt';

interface Receipt extends CountyView {
  format: typeof FORMAT;
  code: string;
  township: string;
}

/** The 回执 for the township `code`: where the county stands with it now. */
export async function makeReceipt(client: pg.ClientBase, code: string): Promise<{ fileName: string; text: string }> {
  const { rows } = await client.query<{ name: string; carry_key: string }>(
    `SELECT name, carry_key
      FROM county.townships
      WHERE code = $1`,
    [code],
  );
  const view = rows.length ? await countyView(client, code) : null;
  if (!view) throw new AppError('NOT_FOUND', `区划代码 ${code} 没有登记`, 'code');
  const body = JSON.stringify({ format: FORMAT, code, township: rows[0].name, ...view } satisfies Receipt);
  const mac = signed(Buffer.from(rows[0].carry_key, 'hex'), body);
  const batch = view.lastBatch ? `第${view.lastBatch}批` : '';
  return {
    fileName: `${rows[0].name}回执${batch}-${dateCn(new Date(view.at)).replace(/-/g, '')}.bmreceipt`,
    text: JSON.stringify({ body, mac }),
  };
}

const notOne = () => new AppError('VALIDATION', '这不是县民政局给本乡镇的回执文件', 'file');

/** A 回执's word, when the county signed it for this township and this ledger. */
function readReceipt(key: string, code: string, ledgerId: string, text: string): CountyView {
  let outer: { body?: unknown; mac?: unknown };
  try {
    outer = JSON.parse(text) as typeof outer;
  } catch {
    throw notOne();
  }
  if (typeof outer.body !== 'string' || typeof outer.mac !== 'string') throw notOne();
  if (!signedBy(carryKey(key), outer.body, outer.mac))
    throw new AppError('VALIDATION', '回执的签名不对：回执被改动过，或不是县里给本乡镇的', 'file');
  const r = JSON.parse(outer.body) as Receipt;
  if (r.format !== FORMAT || r.code !== code) throw notOne();
  if (r.ledgerId && r.ledgerId !== ledgerId)
    throw new AppError('VALIDATION', '这张回执是给另一本台账的（县里登记的不是本台账）', 'file');
  return { ledgerId: r.ledgerId, epoch: r.epoch, acked: r.acked, lastBatch: r.lastBatch, at: r.at };
}

/** Loads a 回执: what it changes, in the words the screen shows. */
export function loadReceipt(db: DB, ledgerId: string, text: string): ReceiptAnswer {
  const link = linkOf(db);
  if (!link) throw new AppError('VALIDATION', '本台账还没有登记到县里：请先载入县民政局发的登记文件', 'file');
  const view = readReceipt(link.key, link.code, ledgerId, text);
  if (link.view_at && view.at <= link.view_at)
    return {
      outcome: 'stale',
      acked: link.acked_seq,
      said: '这张回执早于本台账最近一次从县里得到的确认，不需要再载入',
    };
  if (reconcile(db, view) === 'inStep') {
    settle(db, { acked: view.acked, viewAt: view.at });
    const acked = linkOf(db)!.acked_seq;
    const batch = view.lastBatch ? `（第 ${view.lastBatch} 批）` : '';
    return { outcome: 'acked', acked, said: `县里已收到第 ${acked} 条变动${batch}，县里已有的离线文件不再列为待确认` };
  }
  prep(db, 'UPDATE county_link SET view_at = ?').run(view.at);
  const why = linkOf(db)!.resync_why === 'county' ? '县里的汇总库从备份恢复过' : '本台账从备份恢复过';
  return {
    outcome: 'resend',
    acked: view.acked,
    said: `县里的副本与本台账接不上（${why}），已重新准备全部数据：请导出离线报送文件交县里`,
  };
}
