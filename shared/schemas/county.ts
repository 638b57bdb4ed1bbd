import { z } from 'zod';

/** The county's enrolment file as read by the renderer: its text (a small JSON file). */
export const countyEnrolInput = z.object({
  fileName: z.string().max(255),
  text: z.string({ error: '请选择登记文件' }).min(1, '请选择登记文件').max(100_000, '这不是县民政局发放的登记文件'),
  /** The one-time code the county's screen showed when it made the file (county/enrolment.ts). */
  oneTimeCode: z.string().max(40, '验证码是 10 位字母和数字').optional(),
});

/** What 设置 → 县级上报 and the status bar show. */
export interface CountyState {
  enrolled: { county: string; township: string; code: string; enrolledAt: string } | null;
  lastPushAt: string | null;
  lastError: string | null;
  /** Changes not yet applied by the county. */
  backlog: number;
  pushing: boolean;
  /** Offline files (第 N 批) the county has not acknowledged yet, oldest first. */
  carried: { batch: number; from: number; to: number; madeAt: string }[];
  /** A new 纪元 this ledger began (either side restored from a backup) that the county has not taken yet. */
  resending: boolean;
}

/** The county's 回执 as read by the renderer: its text (a small signed JSON file). */
export const countyReceiptInput = z.object({
  fileName: z.string().max(255),
  text: z.string({ error: '请选择回执文件' }).min(1, '请选择回执文件').max(100_000, '这不是县民政局给本乡镇的回执文件'),
});

/** What a 回执 changed: the number acknowledged (`acked`), nothing (`stale`), or everything to be sent (`resend`). */
export interface ReceiptAnswer {
  outcome: 'acked' | 'stale' | 'resend';
  acked: number;
  /** The sentence the screen shows. */
  said: string;
}

export interface PushAnswer {
  chunks: number;
  backlog: number;
  at: string;
}
