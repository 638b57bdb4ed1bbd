// 县级汇总: what the county office's screens ask its PostgreSQL (main/county/rollup.ts).
import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import { CHECK_KINDS, CHECK_STATES, type CheckKind, type CheckState, ROLLUP_SCREENS } from '../domain/rollup';
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

/** A hit of 跨乡镇核查 by its key (main/county/checks.ts): 32 hex characters that carry no number. */
export const checkKey = z
  .string({ error: '请在跨乡镇核查中选择一条' })
  .regex(/^[0-9a-f]{32}$/, '这不是跨乡镇核查中的一条，请刷新后再试');

/** 跨乡镇核查's filters: the townships a hit touches, its kinds, its state. */
const checkFilters = {
  township: townshipCode.optional(),
  kind: z.enum(CHECK_KINDS, '核查类型不对').optional(),
  state: z.enum(CHECK_STATES, '处理状态不对').optional(),
};

/** A page of 跨乡镇核查: one row per person or account, its filters. */
export const checksInput = reportInput.extend({
  ...checkFilters,
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

/** A full ID number, only of a person in one of the year's current hits, with a reason. */
export const revealInput = reportInput.extend({
  key: checkKey,
  why: z
    .string({ error: requiredMessage(F.revealWhy) })
    .trim()
    .min(2, requiredMessage(F.revealWhy))
    .max(200, '原因太长'),
});

/** 核实 → 已处理: a hit's state, with what was found or done. */
export const markInput = reportInput.extend({
  key: checkKey,
  state: z.enum(['checking', 'done'], '请选择核实中或已处理'),
  note: z
    .string({ error: requiredMessage(F.checkNote) })
    .trim()
    .min(1, requiredMessage(F.checkNote))
    .max(500, '说明不超过 500 字'),
});

/** A county screen to print or export, as it shows: the year, the township (全县总数) or the checks' filters. */
export const rollupOutInput = rollupYearInput.extend({
  screen: z.enum(ROLLUP_SCREENS, '没有这个页面'),
  ...checkFilters,
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

/** A hit of 跨乡镇核查 (main/county/checks.ts): one person, or one payout account, with every kind it has. */
export interface CheckRow {
  /** What names the hit to the office's channels (reveal, mark) without its number. */
  key: string;
  subject: 'person' | 'account';
  /** Masked: 3301**********1234, or ****1234 for an account. */
  shown: string;
  kinds: CheckKind[];
  townships: string[];
  /** The kinds and months paid twice, the heads of the households it is registered in, how many households share. */
  detail: string;
  /** What to do about it (shared/domain/rollup.ts CHECK_ADVICE). */
  advice: string;
  /** 待核实 also when the hit has grown since its mark (another month, another township). */
  state: CheckState;
  /** The last mark, kept when the hit is open again. */
  mark: { state: 'checking' | 'done'; note: string; by: string; at: string } | null;
  /** The topic its notes are kept under. */
  topic: string;
  notes: number;
}

/** A county screen laid out for A4 (renderer/print/RollupPrint.tsx): tables of text, numbers on the right. */
export interface RollupPrint {
  center: string;
  title: string;
  /** The scope, the filters and the year, or the summary sentence. */
  subtitle: string;
  day: string;
  landscape: boolean;
  tables: {
    title: string;
    headers: string[];
    rows: (string | number | null)[][];
    foot: (string | number | null)[][];
    /** The columns of numbers, set on the right. */
    numeric: number[];
    /** The columns of short text (names, codes, states, times): never wrapped, their lines only at a line break. */
    short: number[];
  }[];
  /** Under the tables: what a reader must know (how figures add up, what was cut). */
  note: string;
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

/** Where townships reach the county's server (rollup.address). */
export interface EnrolAddress {
  /** Without a user: the address an enrolment file gets unless the form gives another. */
  url: string;
  /** Over TLS, the server's certificate checked against the CA in the file. */
  encrypted: boolean;
  /** 127.0.0.1 or localhost: only a township on this PC could reach it (the server was started without --listen). */
  local: boolean;
  /** The server's own address (--county): the form takes no other. */
  fixed: boolean;
}

/** The enrolment file, and the one-time code that opens it: shown once, kept nowhere. */
export interface Enrolled {
  fileName: string;
  base64: string;
  rows: number;
  oneTimeCode: string;
  url: string;
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
