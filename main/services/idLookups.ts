// A full ID number typed into a search or a check tells whether someone holds it. For a role that may not see full
// numbers that would be an oracle (the masked number and a birth date leave only a few digits to guess), so every
// full-number lookup is counted per session — 20 a minute, then a wait — and audited with the number masked.
import { AppError } from '../../shared/domain/result';
import type { Role } from '../../shared/domain/roles';
import type { Ctx } from '../dispatch';

export const LOOKUPS_PER_MINUTE = 20;

/** Roles that may see a full ID number (and so a person's whole birth date). */
export const SEES_FULL_ID: readonly Role[] = ['reviewer', 'approver', 'admin'];

export const seesFullId = (ctx: Ctx): boolean => !!ctx.session.staff?.roles.some((r) => SEES_FULL_ID.includes(r));

/** A typed text that is a whole ID number (15 or 18 characters), not a tail. */
export const isFullId = (q: string | undefined): boolean => /^[\dXx]{15}$|^[\dXx]{18}$/.test((q ?? '').trim());

/** Counts and audits one full-number lookup; past the limit it is refused before anything is looked up. */
export function fullIdLookup(ctx: Ctx, idNumber: string): void {
  const now = ctx.now.getTime();
  const recent = (ctx.session.idLookups ?? []).filter((t) => now - t < 60_000);
  if (recent.length >= LOOKUPS_PER_MINUTE)
    throw new AppError(
      'FORBIDDEN',
      `按完整身份证号查询过于频繁（每分钟最多 ${LOOKUPS_PER_MINUTE} 次），请一分钟后再试`,
    );
  ctx.session.idLookups = [...recent, now];
  const s = idNumber.trim();
  ctx.audit('idLookup', null, null, { idNumber: `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}` });
}
