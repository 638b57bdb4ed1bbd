import { z } from 'zod';

import { FIELDS as F, requiredMessage } from '../domain/fields';
import { name, text } from './common';

/** What the center prints on cards, receipts and reports. */
export const centerSettings = z.object({
  name: name(F.centerName.label, 60),
  address: text('地址', { max: 120 }),
  hotline: text('服务热线', { max: 40 }),
  officeHours: text('办公时间', { max: 120 }),
  idleLockMinutes: z
    .number({ error: requiredMessage(F.idleLockMinutes) })
    .int('请填写整数分钟')
    .min(1, '至少 1 分钟')
    .max(240, '最多 240 分钟'),
  /** 矛盾纠纷调解: a dispute is normally concluded within this many days of acceptance. */
  mediationDays: z
    .number({ error: requiredMessage(F.mediationDays) })
    .int('请填写整数天数')
    .min(1, '至少 1 天')
    .max(90, '最多 90 天')
    .default(30),
  /** An agreement with no follow-up visit this many days after it was reached is listed on 首页. */
  followUpDays: z
    .number({ error: requiredMessage(F.followUpDays) })
    .int('请填写整数天数')
    .min(1, '至少 1 天')
    .max(365, '最多 365 天')
    .default(30),
  /** The back of the 便民服务卡: the center's service items and their phones. */
  serviceItems: z
    .array(z.object({ name: text(F.serviceItem.label, { min: 1, max: 16 }), phone: text('电话', { max: 30 }) }))
    .max(10, '服务卡背面最多印 10 项')
    .default(() => DEFAULT_SERVICE_ITEMS),
});
export type CenterSettings = z.output<typeof centerSettings>;

const DEFAULT_SERVICE_ITEMS = [
  { name: '政务服务大厅', phone: '' },
  { name: '民政办', phone: '' },
  { name: '司法所', phone: '' },
  { name: '派出所', phone: '' },
  { name: '卫生院', phone: '' },
  { name: '残联', phone: '' },
];

export const DEFAULT_CENTER: CenterSettings = {
  name: '乡镇便民服务中心',
  address: '',
  hotline: '',
  officeHours: '周一至周五 8:30–12:00，14:00–17:30',
  idleLockMinutes: 15,
  mediationDays: 30,
  followUpDays: 30,
  serviceItems: DEFAULT_SERVICE_ITEMS,
};
