import { z } from 'zod';

/** The county's enrolment file as read by the renderer: its text (a small JSON file). */
export const countyEnrolInput = z.object({
  fileName: z.string().max(255),
  text: z.string({ error: '请选择登记文件' }).min(1, '请选择登记文件').max(100_000, '这不是县民政局发放的登记文件'),
});

/** What 设置 → 县级上报 and the status bar show. */
export interface CountyState {
  enrolled: { county: string; township: string; code: string; enrolledAt: string } | null;
  lastPushAt: string | null;
  lastError: string | null;
  /** Changes not yet applied by the county. */
  backlog: number;
  pushing: boolean;
}

export interface PushAnswer {
  chunks: number;
  backlog: number;
  at: string;
}
