// 县级汇总: what the county office's screens ask its PostgreSQL (main/county/rollup.ts).
import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import { type MonthLine, type PaymentLine, reportInput, type ReportSections, type YearPayments } from './reports';

export const townshipCode = z
  .string({ error: requiredMessage(F.townshipCode) })
  .regex(/^\d{12}$/, '统计用区划代码应为 12 位数字');

/** A year over the county, or over one township (its code). */
export const rollupYearInput = reportInput.extend({ code: townshipCode.optional() });

export const enrolInput = z.object({
  code: townshipCode,
  name: z
    .string({ error: requiredMessage(F.townshipName) })
    .trim()
    .min(1, requiredMessage(F.townshipName))
    .max(40, '名称太长'),
  /** The address townships reach the county's server at, when it is not the one this program uses. */
  url: z
    .string()
    .trim()
    .max(300)
    .regex(/^(postgres(ql)?:\/\/.+)?$/, '上报地址应以 postgres:// 开头，例如 postgres://192.168.1.10:5432/postgres')
    .optional(),
});

export const revokeInput = z.object({ code: townshipCode });

export const revealInput = z.object({
  ledgerId: z.uuid('不是县里的记录'),
  personId: z.number().int().positive(),
  why: z
    .string({ error: requiredMessage(F.revealWhy) })
    .trim()
    .min(2, requiredMessage(F.revealWhy))
    .max(200, '原因太长'),
});

export const carryInput = z.object({
  fileName: z.string().max(255),
  // 60 MB as base64: a first carry of a large township.
  base64: z.string({ error: '请选择离线报送文件' }).min(1, '请选择离线报送文件').max(80_000_000, '文件太大'),
});

export const noteInput = z.object({
  township: townshipCode.nullable(),
  topic: z.string().max(200),
  body: z
    .string({ error: requiredMessage(F.note) })
    .trim()
    .min(1, requiredMessage(F.note))
    .max(2000, '备注不超过 2000 字'),
});
export const notesInput = z.object({ topic: z.string().max(200).optional() });

export interface Named {
  code: string;
  name: string;
}

/** A line of relief paid, as the county shows it: by kind (and area) over one township or all. */
export interface RollupLine extends PaymentLine {
  kind: string;
  area: string;
}

export interface RollupYear {
  year: number;
  /** 全县 or one township. */
  scope: string;
  lines: RollupLine[];
  reversals: YearPayments['reversals'];
  byMonth: MonthLine[];
  /** One township's other sections, by its report's own code over the copy (none over the county). */
  sections: ReportSections | null;
}

/** 乡镇对比 of the registers: each township's other sections of the year. */
export interface TownshipSections extends Named {
  sections: ReportSections;
}

export interface TownshipRow extends Named {
  ledgerId: string | null;
  lastPush: string | null;
  revoked: boolean;
  persons: number;
  households: number;
  times: number;
  fen: number;
  reversalFen: number;
}

/** A cross-township check's hit (main/county/checks.ts). */
export interface CheckHit {
  kind: 'paidTwice' | 'registeredTwice' | 'sharedAccount';
  /** Masked: 3301**********1234, or ****1234 for an account. */
  shown: string;
  /** What the hit is about: the kind and month paid twice, or the number of households sharing an account. */
  detail: string;
  townships: string[];
  /** For the audited reveal: the person's row in one township's copy (none for an account). */
  ref: { ledgerId: string; personId: number } | null;
}

export interface CheckRow extends CheckHit {
  /** The topic its notes are kept under. */
  topic: string;
  notes: number;
}

/** 上报情况: whether the county's copy holds what the township's ledger held (per-table count and checksum). */
export interface StatusRow extends Named {
  lastPush: string | null;
  /** Changes the county has applied, and the point the township's last census describes. */
  acked: number;
  censusSeq: number | null;
  /** The census describes the copy as it stands, and every table matches it. */
  complete: boolean;
  tables: { table: string; township: { n: number; c: number } | null; county: { n: number; c: number } }[];
}

/** 一致性核对: a township's own report of a year beside the county's figures for it. */
export interface SameRow extends Named {
  year: number;
  /** When the township computed its report (its last census). */
  at: string;
  same: boolean;
  /**
   * `pending` (待同步): the county has applied changes after the point the report describes, so the two are not
   * compared until the township's next census; `same` and `differ` compare the county's copy as of that very point.
   */
  state: 'same' | 'differ' | 'pending';
  /** The state in words (一致, 3 处不一致, 待同步) and what to do about it, one sentence. */
  verdict: string;
  advice: string;
  /** The lines that differ, township's and county's. */
  differences: { what: string; township: string; county: string }[];
}

export interface Note {
  id: number;
  at: string;
  author: string;
  township: string | null;
  topic: string;
  body: string;
}

export interface CarryAnswer {
  township: string;
  /** The file's 第 N 批 (0: a file of an earlier version). */
  batch: number;
  applied: number;
  skipped: number;
  /** The township's 回执 after the import, to hand back (main/county/receipt.ts). */
  receipt: { fileName: string; base64: string };
}
