import { z } from 'zod';
import { text } from './common';

/** What the center prints on cards, receipts and reports. */
export const centerSettings = z.object({
  name: text('中心名称', { min: 1, max: 60 }),
  address: text('地址', { max: 120 }),
  hotline: text('服务热线', { max: 40 }),
  officeHours: text('办公时间', { max: 120 }),
  idleLockMinutes: z.number({ error: '请填写自动锁定时间' }).int('请填写整数分钟').min(1, '至少 1 分钟').max(240, '最多 240 分钟'),
});
export type CenterSettings = z.output<typeof centerSettings>;

export const DEFAULT_CENTER: CenterSettings = {
  name: '乡镇便民服务中心',
  address: '',
  hotline: '',
  officeHours: '周一至周五 8:30–12:00，14:00–17:30',
  idleLockMinutes: 15,
};
