// county.*: the township's side of 县级上报 as the clerk sees it: the enrolment file loaded once under 设置, the last
// push and what is still waiting, and a push now. The push itself is county/push.ts; it also runs in the background.
import { AppError } from '../../shared/domain/result';
import { dateCn, isoCn } from '../../shared/domain/time';
import type { CountyState } from '../../shared/schemas/county';
import { type Ctx, Failure, type Handlers } from '../core/dispatch';
import type { Ledger } from '../core/ledger';
import { type DB, prep } from '../db/open';
import { writeCarry } from './carry';
import { openEnrolment } from './enrolment';
import { carriedFiles } from './link';
import { enrol, isPushing, linkOf, push } from './push';
import { loadReceipt } from './receipt';
import { backlogOf } from './tables';

/** Wrong one-time codes allowed in a while: the screen answers each guess, so it counts them (from the audit rows). */
const CODE_TRIES = { wrong: 5, minutes: 30 };
const WRONG_CODE = '登记验证码错误';

/** Wrong codes typed in the last CODE_TRIES.minutes, read from the audit log (nothing refills the count). */
function wrongCodes(ctx: Ctx): number {
  return prep(
    ctx.db,
    `SELECT count(*)
      FROM audit_log
      WHERE entity = 'county'
        AND json_extract(after, '$.what') = ?
        AND at >= ?`,
  )
    .pluck()
    .get(WRONG_CODE, isoCn(new Date(ctx.now.getTime() - CODE_TRIES.minutes * 60_000))) as number;
}

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
  // The code the county told opens the file's key; a wrong one is audited and counted, and after five in half an
  // hour the file is not tried again for a while (each try is a guess at the code).
  'county.enrol': (ctx, input) => {
    const { wrong, minutes } = CODE_TRIES;
    const tried = wrongCodes(ctx);
    if (tried >= wrong) {
      ctx.audit('county', null, null, { what: '登记验证码错误次数过多，未再核对', fileName: input.fileName });
      return new Failure(
        new AppError(
          'FORBIDDEN',
          `验证码已连续输错 ${wrong} 次，请 ${minutes} 分钟后再试；如记不清验证码，请县民政局再次登记本乡镇，重发登记文件和验证码`,
          'oneTimeCode',
        ),
      );
    }
    const e = openEnrolment(input.text, input.oneTimeCode);
    if (!e) {
      ctx.audit('county', null, null, { what: WRONG_CODE, fileName: input.fileName });
      const left = wrong - tried - 1;
      return new Failure(
        new AppError(
          'VALIDATION',
          `验证码不对：请核对县民政局告诉你的 10 位验证码${left ? `（还可再试 ${left} 次）` : `（已输错 ${wrong} 次，请 ${minutes} 分钟后再试）`}`,
          'oneTimeCode',
        ),
      );
    }
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
