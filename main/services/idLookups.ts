// A value typed or uploaded and compared against a stored one that the caller may not see (a whole ID number, an
// ID tail longer than the masked one, a payout account, a phone) tells whether it is held: an oracle. The masked ID
// and a birth year leave few digits to guess, so a clerk could confirm a number by candidates or digit by digit.
//
// The rule: every such comparison is a lookup. Each lookup is audited with the value masked, and counted against one
// budget per staff member and kind of value, across every channel, seat and window: LOOKUP_BUDGET a minute and a day.
// Roles that may see the kind in full (SIGHT) are audited but not limited. The count is read from the lookups' own
// audit rows (migration 0016's index), so signing in again or restarting does not refill it, and a lookup's row stays
// when its call is refused (`ctx.auditAlways`): a refusal that answered still counts.
import { AppError } from '../../shared/domain/result';
import type { Role } from '../../shared/domain/roles';
import { isoCn } from '../../shared/domain/time';
import { prep } from '../db/open';
import type { Ctx } from '../dispatch';

/** Lookups of one kind per staff member: calls in any minute, values in a China day. */
export const LOOKUP_BUDGET = { perMinute: 20, perDay: 200 };

/** Roles that may see a full ID number (and so a person's whole birth date). */
export const SEES_FULL_ID: readonly Role[] = ['reviewer', 'approver', 'admin'];

export type Hidden = 'id' | 'account' | 'phone';

/**
 * Who may see each kind whole: full ID numbers by reveal; full accounts in the bank's upload file (approvers); a phone
 * is whole only on the page of a household already found, so finding one by its phone is limited for everyone.
 */
const SIGHT: Record<Hidden, readonly Role[]> = { id: SEES_FULL_ID, account: ['approver'], phone: [] };
const LABEL: Record<Hidden, string> = { id: '身份证号', account: '账号', phone: '电话号码' };

const sees = (ctx: Ctx, kind: Hidden): boolean => !!ctx.session.staff?.roles.some((r) => SIGHT[kind].includes(r));

export const seesFullId = (ctx: Ctx): boolean => sees(ctx, 'id');

/** A typed text that is a whole ID number (15 or 18 characters), not a tail. */
export const isFullId = (q: string | undefined): boolean => /^[\dXx]{15}$|^[\dXx]{18}$/.test((q ?? '').trim());

/** A value as the audit log keeps it: the part every role sees, never the whole. */
export function maskValue(kind: Hidden, v: string): string {
  const s = v.trim();
  if (kind === 'phone') return s.length >= 8 ? `${s.slice(0, 3)}****${s.slice(-4)}` : '****';
  if (kind === 'account' || s.length < 15) return `****${s.slice(-4)}`;
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** What this staff member has used of a kind's budget: calls in the last minute, values since the day began. */
function used(ctx: Ctx, kind: Hidden): { minute: number; day: number } {
  const r = prep(
    ctx.db,
    `SELECT coalesce(sum(at >= @minute), 0) AS minute,
       coalesce(sum(json_extract(after, '$.n')), 0) AS day
     FROM audit_log
     WHERE entity = 'lookup'
       AND staff_id = @staff
       AND entity_id = @kind
       AND at >= @day
       AND json_extract(after, '$.n') > 0`,
  ).get({
    staff: ctx.session.staff!.id,
    kind,
    day: isoCn(ctx.now).slice(0, 10),
    minute: isoCn(new Date(ctx.now.getTime() - 60_000)),
  }) as { minute: number; day: number };
  return r;
}

/**
 * Counts and audits `n` values of a kind compared in this call (`what`: the value masked, or the file they came
 * from). Past the budget the call is refused before anything is compared, and the refusal is audited too.
 */
export function lookup(ctx: Ctx, kind: Hidden, what: string, n = 1): void {
  if (n <= 0) return;
  if (!sees(ctx, kind)) {
    const u = used(ctx, kind);
    const { perMinute, perDay } = LOOKUP_BUDGET;
    const refusal =
      u.day + n > perDay
        ? `按${LABEL[kind]}核对已达今天的上限（每人每天 ${perDay} 个，已用 ${u.day} 个${n > 1 ? `，这次要核对 ${n} 个` : ''}）`
        : u.minute >= perMinute
          ? `按${LABEL[kind]}核对过于频繁（每人每分钟最多 ${perMinute} 次），请一分钟后再试`
          : null;
    if (refusal) {
      ctx.auditAlways('lookup', kind, null, { n: 0, refused: n, what });
      const who = SIGHT[kind].length ? '；确需核对的，请由审核人、审批人或管理员办理' : '';
      throw new AppError('FORBIDDEN', refusal + who);
    }
  }
  ctx.auditAlways('lookup', kind, null, { n, what });
}

/** A whole ID number typed into a search or a check. */
export const fullIdLookup = (ctx: Ctx, idNumber: string): void => lookup(ctx, 'id', maskValue('id', idNumber));
