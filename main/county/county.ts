// county.*: the township's side of 县级上报 as the clerk sees it: the enrolment file loaded once under 设置, the last
// push and what is still waiting, and a push now. The push itself is county/push.ts; it also runs in the background.
import { dateCn, isoCn } from '../../shared/domain/time';
import type { CountyState } from '../../shared/schemas/county';
import type { Handlers } from '../core/dispatch';
import type { Ledger } from '../core/ledger';
import type { DB } from '../db/open';
import { writeCarry } from './carry';
import { carriedFiles } from './link';
import { enrol, isPushing, linkOf, parseEnrolment, push } from './push';
import { loadReceipt } from './receipt';
import { backlogOf } from './tables';

function stateOf(db: DB, ledger: Ledger): CountyState {
  const link = linkOf(db);
  return {
    enrolled: link
      ? { county: link.county_name, township: link.township, code: link.code, enrolledAt: link.enrolled_at }
      : null,
    lastPushAt: link?.last_push_at ?? null,
    lastError: link?.last_error ?? null,
    backlog: link ? backlogOf(db, link.acked_seq) : 0,
    pushing: isPushing(ledger),
    carried: link ? carriedFiles(db) : [],
    resending: link?.resync_from != null,
  };
}

export const countyHandlers = {
  'county.state': (ctx) => stateOf(ctx.db, ctx.ledger),
  'county.enrol': (ctx, input) => {
    const e = parseEnrolment(input.text);
    enrol(ctx.db, e, ctx.now);
    ctx.audit('county', e.code, null, { what: '登记到县级汇总', county: e.county, township: e.township, code: e.code });
    return stateOf(ctx.db, ctx.ledger);
  },
  // A refusal is also kept in county_link, for the status shown under 设置 and on the home page.
  'county.push': async (ctx) => {
    const r = await push(ctx.ledger);
    ctx.audit('county', null, null, { what: '上报到县级汇总', chunks: r.chunks, acked: r.acked });
    return { chunks: r.chunks, backlog: r.backlog, at: isoCn(ctx.now) };
  },
  'county.carry': (ctx) => {
    const file = writeCarry(ctx.ledger);
    const link = linkOf(ctx.db)!;
    const fileName = `${link.township}离线报送第${file.batch}批-${dateCn(ctx.now).replace(/-/g, '')}.bmcarry`;
    const { batch, from, to } = file;
    ctx.audit('export', null, null, { what: '离线报送文件', fileName, batch, from, to });
    return Promise.resolve({ fileName, base64: file.data.toString('base64'), rows: file.to - file.from });
  },
  'county.receipt': (ctx, input) => {
    const r = loadReceipt(ctx.db, ctx.ledger.id, input.text);
    ctx.audit('county', null, null, { what: '载入县里的回执', fileName: input.fileName, ...r });
    return r;
  },
} satisfies Partial<Handlers>;
