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
  before: string | null;
  after: string | null;
}
