import { z } from 'zod';

import { id, pageInput } from './common';

export const auditListInput = pageInput(['id', 'at', 'channel', 'entity'], {
  staffId: id.optional(),
  channel: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  from: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
  to: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
});

export interface AuditRow {
  id: number;
  at: string;
  staffId: number | null;
  staffName: string | null;
  channel: string;
  entity: string;
  entityId: string | null;
  /** The record's name (户主, 受理编号, 姓名…) when main can read it, for the log's sentence. */
  recordName: string | null;
  before: string | null;
  after: string | null;
}
