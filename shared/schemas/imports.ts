import { z } from 'zod';

import type { RowStatus } from '../domain/imports';
import { id, pageInput } from './common';
import { month } from './payments';

export const importKind = z.enum(['households', 'entitlements', 'payments'], { error: '请选择导入内容' });
/** A preview lives in main's memory under a key the page makes, so the page can ask for its progress meanwhile. */
const job = z.string().regex(/^[\w-]{8,64}$/, '导入任务编号无效');

export const importOpenInput = z.object({
  job,
  kind: importKind,
  // Only ever a label (shown, audited, its ending read): any folders in it are dropped, so it can never be a path.
  fileName: z
    .string()
    .max(200, '文件名太长')
    .transform((s) => s.split(/[\\/]/).pop()!.trim())
    .pipe(z.string().min(1, '请选择文件')),
  // 20 MB as base64, with room for the rest of the call: the size itself is checked after decoding.
  base64: z.string().max(28 * 1024 * 1024, '文件超过 20 MB，请只保留需要导入的工作表后另存再导入'),
});
export const importJobInput = z.object({ job });
export const importCheckInput = z.object({
  job,
  sheet: z.number().int().min(0).optional(),
  mapping: z.record(z.string(), z.number().int().min(0).nullable()).optional(),
  /** An unknown 村/社区 name → the area the admin says it is. */
  areaMap: z.record(z.string(), id).optional(),
  /** A 需确认 row (its household's first row) → merge or skip. */
  decisions: z.record(z.string(), z.enum(['merge', 'skip'])).optional(),
  /** Make the 村/社区 the file names and the ledger lacks, with the import (only who may call areas.save). */
  createAreas: z.boolean().optional(),
  /** 在保名册: one start month for the whole file (null: none); a row's own 起始月份 wins. */
  startMonth: month('起始月份').nullable().optional(),
});
export const importRowsInput = pageInput(['row'], {
  job,
  status: z.enum(['ok', 'confirm', 'refused']).optional(),
});
export const importListInput = pageInput(['at'], {});
export const importTemplateInput = z.object({ kind: importKind });

export interface ImportProgress {
  phase: 'reading' | 'checking' | 'ready' | 'writing' | 'done' | 'failed' | 'cancelled';
  read: number;
  checked: number;
  written: number;
  total: number;
}

export interface ImportPreview {
  job: string;
  kind: z.output<typeof importKind>;
  fileName: string;
  sheets: string[];
  sheet: number;
  /** The header's rows as the clerk sees them in Excel (1-based), and each column's header. */
  headerRows: number[];
  headers: { col: number; letter: string; text: string }[];
  mapping: Record<string, number | null>;
  counts: Record<RowStatus, number> & { blank: number; total: number; merge: number };
  unknownAreas: { name: string; rows: number }[];
  /** Whether the clerk chose to make the villages the ledger lacks, and those the confirm would make. */
  createAreas: boolean;
  newAreas: string[];
  /** Whether the caller may make them; else the preview names who may (the roles of areas.save, in words). */
  mayCreateAreas: boolean;
  areaMakers: string;
  /** 在保名册: the start month chosen for the whole file. */
  startMonth: string | null;
  /** What the preview says of the file as a whole (a column not read). */
  notes: string[];
  /** Why nothing can be confirmed yet (a required field unmapped); null when the rows can be written. */
  blocker: string | null;
}

export interface ImportRow {
  row: number;
  status: RowStatus;
  reasons: string;
  name: string;
  idMasked: string;
  area: string;
  detail: string;
  decision: 'merge' | 'skip' | null;
}

export interface ImportRecord {
  id: number;
  kind: z.output<typeof importKind>;
  fileName: string;
  sheet: string;
  rowsRead: number;
  rowsDone: number;
  rowsLeft: number;
  counts: string;
  staffName: string;
  at: string;
  undoneAt: string | null;
}
