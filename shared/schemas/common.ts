import { z } from 'zod';

import { FIELD_MESSAGES as M, fillMessage } from '../domain/fields';
import { PASSWORD_MAX, PASSWORD_MIN } from '../domain/password';
import { codePointLength, FORMULA_START, hasInvisible, isWellFormed } from '../domain/text';

z.config(z.locales.zhCN());

/**
 * A text field as a clerk types it: kept exactly (no normalization, no trimming inside), surrounding spaces removed,
 * invisible characters refused rather than silently dropped, length counted in code points.
 */
export function text(label: string, opts: { min?: number; max: number; multiline?: boolean }) {
  const min = opts.min ?? 0;
  return z
    .string({ error: fillMessage(label) })
    .transform((s) => s.trim())
    .superRefine((s, ctx) => {
      const n = codePointLength(s);
      if (min > 0 && n === 0) ctx.addIssue({ code: 'custom', message: fillMessage(label) });
      else if (n < min) ctx.addIssue({ code: 'custom', message: M.tooShort(label, min) });
      else if (n > opts.max) ctx.addIssue({ code: 'custom', message: M.tooLong(label, opts.max, n) });
      else if (!isWellFormed(s) || hasInvisible(s, opts.multiline))
        ctx.addIssue({ code: 'custom', message: M.invisible(label) });
    });
}

/** A person's or a place's name: text that may not start like a spreadsheet formula (it goes into exports). */
export const name = (label: string, max: number) =>
  text(label, { min: 1, max }).refine((s) => !FORMULA_START.test(s), { message: M.formulaStart(label) });

export const password = (label = '密码') =>
  z.string({ error: fillMessage(label) }).superRefine((s, ctx) => {
    const n = codePointLength(s);
    if (n === 0) ctx.addIssue({ code: 'custom', message: fillMessage(label) });
    else if (n < PASSWORD_MIN) ctx.addIssue({ code: 'custom', message: M.passwordTooShort(label, PASSWORD_MIN) });
    else if (n > PASSWORD_MAX) ctx.addIssue({ code: 'custom', message: M.passwordTooLong(label, PASSWORD_MAX) });
  });

/** A date as YYYY-MM-DD, with the field's own label in the message. */
export const isoDate = (label: string) => z.iso.date(M.date(label));

/** 11-digit mobile or a landline with its area code; '' when not given. */
export const phone = z
  .string()
  .trim()
  .regex(/^$|^1[3-9]\d{9}$|^0\d{2,3}-?\d{7,8}$/, M.phone);

export const id = z.number({ error: '编号无效' }).int('编号无效').positive('编号无效');

export const empty = z.object({}).strict();

/** A page of a list, as the ag-grid infinite row model asks for it. */
export const pageInput = <const S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sortable: S,
  filters: F,
) =>
  z.object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    sort: z.object({ col: z.enum(sortable), dir: z.enum(['asc', 'desc']) }).optional(),
    ...filters,
  });

export interface Page<T> {
  rows: T[];
  total: number;
}

/** A list's filtered rows laid out for an A4 print: the center and the filter for the heading, the cells as text. */
export interface ListPrint {
  center: string;
  title: string;
  day: string;
  /** The filters in words (全部 when none). */
  filter: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Every row the filter leaves; more than `rows` when the print is cut at its limit. */
  total: number;
}
