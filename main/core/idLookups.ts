// A value typed or uploaded and compared against a stored one that the caller may not see (a whole ID number, an
// ID tail longer than the masked one, a payout account, a phone) tells whether it is held: an oracle. The masked ID
// and a birth year leave few digits to guess, so a clerk could confirm a number by candidates or digit by digit.
//
// The rule: every such comparison is a lookup. Each lookup is audited with the value masked, and counted against one
// budget per staff member and kind of value, across every channel, seat and window: LOOKUP_BUDGET calls a minute and
// distinct values a day (a number checked again the same day tells nothing new).
// Roles that may see the kind in full (SIGHT) are audited but not limited. The count is read from the lookups' own
// audit rows (migration 0016's index), so signing in again or restarting does not refill it, and a lookup's row stays
// when its call is refused (`ctx.auditAlways`): a refusal that answered still counts.
import crypto from 'node:crypto';

import { parseIdNumber } from '../../shared/domain/idNumber';
import { AppError } from '../../shared/domain/result';
import type { Role } from '../../shared/domain/roles';
import { dateCn, isoCn } from '../../shared/domain/time';
import { prep } from '../db/open';
import type { Ctx } from './dispatch';

/** Lookups of one kind per staff member: calls in any minute, values in a China day. */
export const LOOKUP_BUDGET = { perMinute: 20, perDay: 200 };
/**
 * Full ID numbers the county office shows from its cross-township checks (rollup.reveal): a staff member who may see
 * them still sees only so many, however many hits there are.
 */
export const REVEAL_BUDGET = { perMinute: 5, perDay: 50 };

/** Roles that may see a full ID number (and so a person's whole birth date). */
export const SEES_FULL_ID: readonly Role[] = ['reviewer', 'approver', 'admin'];

/** A kind of value compared or shown; 'reveal' is a full ID number the county office shows (county/checks.ts). */
export type Hidden = 'id' | 'account' | 'phone' | 'reveal';

/**
 * Who may see each kind whole: full ID numbers by reveal; full accounts in the bank's upload file (approvers); a phone
 * is whole only on the page of a household already found, so finding one by its phone is limited for everyone.
 */
const SIGHT: Record<Hidden, readonly Role[]> = { id: SEES_FULL_ID, account: ['approver'], phone: [], reveal: [] };
const LABEL: Record<Hidden, string> = {
  id: '按身份证号核对',
  account: '按账号核对',
  phone: '按电话号码核对',
  reveal: '查看完整身份证号',
};
const BUDGET: Record<Hidden, typeof LOOKUP_BUDGET> = {
  id: LOOKUP_BUDGET,
  account: LOOKUP_BUDGET,
  phone: LOOKUP_BUDGET,
  reveal: REVEAL_BUDGET,
};

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

/**
 * Digests of values for the audit log, keyed by the data key (derived once per call): the log (inside the cipher
 * anyway) holds no number, and a number checked twice in a day is known again without keeping it.
 */
function digests(ctx: Ctx, kind: Hidden, values: string[]): string[] {
  const key = Buffer.from(crypto.hkdfSync('sha256', ctx.ledger.keys.key, Buffer.alloc(0), 'bianmin lookup digest', 32));
  const one = (v: string) => crypto.createHmac('sha256', key).update(`${kind} ${v}`).digest('base64').slice(0, 16);
  return [...new Set(values.map(one))];
}

/** What this staff member has used of a kind's budget: calls in the last minute, and the values looked up today. */
function used(ctx: Ctx, kind: Hidden): { minute: number; today: Set<string> } {
  const args = {
    staff: ctx.session.staff!.id,
    kind,
    day: isoCn(ctx.now).slice(0, 10),
    minute: isoCn(new Date(ctx.now.getTime() - 60_000)),
  };
  const today = prep(
    ctx.db,
    `SELECT d.value
     FROM audit_log a, json_each(a.after, '$.d') d
     WHERE a.entity = 'lookup'
       AND a.staff_id = @staff
       AND a.entity_id = @kind
       AND a.at >= @day`,
  )
    .pluck()
    .all(args) as string[];
  const minute = prep(
    ctx.db,
    `SELECT count(*)
     FROM audit_log
     WHERE entity = 'lookup'
       AND staff_id = @staff
       AND entity_id = @kind
       AND at >= @minute
       AND json_extract(after, '$.n') > 0`,
  )
    .pluck()
    .get(args) as number;
  return { minute, today: new Set(today) };
}

/**
 * Counts and audits the values of a kind compared in this call (`what`: the values masked, or the file they came
 * from). A value already looked up today by the same staff member tells nothing new and costs nothing. Past the
 * budget the call is refused before anything is compared, and the refusal is audited too.
 */
export function lookup(
  ctx: Ctx,
  kind: Hidden,
  values: string[],
  what = values.map((v) => maskValue(kind, v)).join('、'),
): void {
  if (values.length === 0) return;
  if (sees(ctx, kind)) return ctx.auditAlways('lookup', kind, null, { n: values.length, what });
  const u = used(ctx, kind);
  const fresh = digests(ctx, kind, values).filter((d) => !u.today.has(d));
  const n = fresh.length;
  const { perMinute, perDay } = BUDGET[kind];
  const refusal =
    n === 0
      ? null
      : u.today.size + n > perDay
        ? `${LABEL[kind]}已达今天的上限（每人每天 ${perDay} 个，已用 ${u.today.size} 个${n > 1 ? `，这次要核对 ${n} 个` : ''}）`
        : u.minute >= perMinute
          ? `${LABEL[kind]}过于频繁（每人每分钟最多 ${perMinute} 次），请一分钟后再试`
          : null;
  if (refusal) {
    ctx.auditAlways('lookup', kind, null, { n: 0, refused: n, what });
    const who = SIGHT[kind].length ? '；确需核对的，请由审核人、审批人或管理员办理' : '';
    throw new AppError('FORBIDDEN', refusal + who);
  }
  ctx.auditAlways('lookup', kind, null, { n, of: values.length, what, d: fresh });
}

/** A whole ID number typed into a search, a check or a registration; an invalid one is compared with nothing. */
export function fullIdLookup(ctx: Ctx, idNumber: string): void {
  const parsed = parseIdNumber(idNumber, dateCn(ctx.now));
  if (parsed.ok) lookup(ctx, 'id', [parsed.value.idNumber]);
}

/** SQL for a masked ID (3303**********1234): lists, exports and prints never carry the full number. */
export const MASKED_ID = (col: string) => `substr(${col}, 1, 4) || '**********' || substr(${col}, 15, 4)`;

/** A phone in lists, prints and exports: 139****4795 (the household page shows it whole to the counter). */
export const MASKED_PHONE = (col: string) => `CASE
    WHEN ${col} = '' THEN ''
    WHEN length(${col}) >= 8 THEN substr(${col}, 1, 3) || '****' || substr(${col}, -4)
    ELSE '****'
  END`;

export const ACCOUNT_TAIL = (col: string) => `CASE WHEN ${col} = '' THEN '' ELSE '****' || substr(${col}, -4) END`;
