// A field's messages, written once. The zod schemas (main refuses with them) and the forms' antd rules (the clerk
// sees them before anything is sent) both take them from here: the renderer may not import the schemas' values.

/** How a field is asked for: 请填写 a typed value, 请选择 a picked one, 请输入 a key, 请写明 a reason. */
export type Ask = 'fill' | 'choose' | 'enter' | 'state';
const ASK: Record<Ask, string> = { fill: '请填写', choose: '请选择', enter: '请输入', state: '请写明' };

export interface Field {
  label: string;
  ask: Ask;
}

/** The message of an empty field (a space before a label that starts with a number: 请填写 12 位…). */
export const requiredMessage = (f: Field): string => `${ASK[f.ask]}${/^\w/.test(f.label) ? ' ' : ''}${f.label}`;
/** 请填写<label>: a typed field left empty. */
export const fillMessage = (label: string): string => requiredMessage({ label, ask: 'fill' });
/** 请选择<label>: a date, a month or a choice not picked. */
export const chooseMessage = (label: string): string => requiredMessage({ label, ask: 'choose' });

export const FIELD_MESSAGES = {
  tooShort: (label: string, min: number) => `${label}至少 ${min} 个字`,
  tooLong: (label: string, max: number, n: number) => `${label}最多 ${max} 个字，现在是 ${n} 个`,
  invisible: (label: string) => `${label}含有不可见字符或控制字符，请删除后重新输入`,
  formulaStart: (label: string) => `${label}不能以 = + - @ 开头`,
  passwordTooShort: (label: string, min: number) => `${label}至少 ${min} 位`,
  passwordTooLong: (label: string, max: number) => `${label}最多 ${max} 位`,
  date: (label: string) => `${label}格式应为 YYYY-MM-DD`,
  month: (label: string) => `${label}格式应为 YYYY-MM`,
  phone: '电话应为 11 位手机号或带区号的座机号（如 0571-12345678）',
  roles: '请至少选择一个角色',
} as const;

const fill = (label: string): Field => ({ label, ask: 'fill' });
const choose = (label: string): Field => ({ label, ask: 'choose' });

/**
 * The fields that both a schema and a form ask for by name. A schema builds its refusal from the entry
 * (`text(F.x.label, …)`, `requiredMessage(F.x)`), a form its rule (`required(F.x)` in renderer/components/rules.ts).
 */
export const FIELDS = {
  // People and staff
  username: fill('用户名'),
  name: fill('姓名'),
  idNumber: fill('身份证号'),
  relation: choose('与户主关系'),
  exitReason: fill('退出原因'),
  recoveryKey: { label: '恢复密钥', ask: 'enter' },
  backupFile: fill('备份文件的位置'),
  // The center
  centerName: fill('中心名称'),
  idleLockMinutes: fill('自动锁定时间'),
  mediationDays: fill('调解期限'),
  followUpDays: fill('回访期限'),
  serviceItem: fill('服务事项'),
  timeLimitDays: fill('办理时限'),
  choiceName: fill('名称'),
  // Cases and payments
  applyReason: fill('申请事由'),
  withdrawReason: fill('撤回原因'),
  amount: fill('金额'),
  reverseReason: fill('冲正原因'),
  excludeReason: fill('剔除原因'),
  // Pairings
  visitFindings: fill('了解的情况'),
  aidQuantity: fill('数量'),
  aidValue: fill('价值'),
  // Wishes and suggestions
  wisher: fill('心愿人'),
  standard: fill('服务标准'),
  fulfilment: fill('完成情况'),
  suggestion: fill('意见建议内容'),
  handler: fill('承办人或部门'),
  answer: fill('答复内容'),
  result: choose('办理结果'),
  resultReason: fill('原因'),
  revisit: choose('回访结果'),
  // Disputes
  disputeType: choose('纠纷类型'),
  persons: fill('涉及人数'),
  place: fill('调解地点'),
  attendees: fill('参加人员'),
  failedReason: fill('调解不成的原因'),
  referredTo: fill('转交单位'),
  route: choose('建议的解决途径'),
  outcome: choose('履行情况'),
  // The county office
  townshipCode: fill('12 位统计用区划代码'),
  townshipName: fill('乡镇名称'),
  revealWhy: { label: '查看原因', ask: 'state' },
  checkNote: { label: '核实情况或处理结果', ask: 'state' },
  note: fill('备注'),
} as const satisfies Record<string, Field>;
