// The audit log in words a director reads (设置 → 审计日志 and its .xlsx): one Chinese label per channel and per kind
// of record, written once here, and the sentence an audit row makes of them.
import type { contract } from '../contract';

type Channel = keyof typeof contract;

/**
 * What each channel does, as a verb phrase. Keyed by every channel of the contract, so a new channel without its
 * label fails the type check; the channels written by main outside the dispatcher follow.
 */
export const CHANNEL_LABELS: Record<Channel, string> & Record<string, string> = {
  'setup.state': '查看启动状态',
  'setup.createAdmin': '创建管理员',
  'setup.confirmRecovery': '确认恢复密钥',
  'setup.encrypt': '加密台账',
  'setup.restore': '从备份恢复台账',
  'session.state': '查看登录状态',
  'session.touch': '保持登录',
  'session.signIn': '登录',
  'session.signOut': '退出登录',
  'session.lock': '锁定屏幕',
  'session.unlock': '解锁屏幕',
  'session.changePassword': '修改密码',
  'session.recover': '用恢复密钥重设密码',
  'keys.newRecovery': '更换恢复密钥',
  'keys.rekey': '更换数据密钥',
  'keys.rekeyState': '查看更换数据密钥进度',
  'staff.list': '查看工作人员',
  'staff.create': '添加工作人员',
  'staff.update': '修改工作人员',
  'staff.resetPassword': '重置密码',
  'settings.get': '查看中心设置',
  'settings.save': '修改中心设置',
  'audit.list': '查看审计日志',
  'audit.xlsx': '导出审计日志',
  'areas.list': '查看村/社区',
  'areas.save': '保存村/社区',
  'categories.list': '查看困难类别',
  'households.list': '查看台账',
  'households.get': '查看户',
  'households.create': '登记新户',
  'households.update': '修改户',
  'households.exit': '退出台账',
  'households.export': '导出台账',
  'households.exportFull': '导出完整台账',
  'households.startCategory': '认定困难类别',
  'households.endCategory': '终止困难类别',
  'persons.add': '添加家庭成员',
  'persons.move': '迁移家庭成员',
  'persons.revealId': '查看完整身份证号',
  'persons.checkId': '核对身份证号',
  'reliefKinds.list': '查看救助类别',
  'reliefKinds.save': '保存救助类别',
  'calendar.list': '查看节假日',
  'calendar.set': '设置节假日',
  'applications.register': '受理救助申请',
  'applications.get': '查看救助申请',
  'applications.list': '查看救助申请列表',
  'applications.xlsx': '导出救助申请',
  'applications.print': '打印救助申请列表',
  'applications.due': '查看到期申请',
  'applications.queues': '查看待办',
  'applications.publicity': '打印公示名单',
  'applications.investigate': '登记入户调查',
  'applications.materials': '登记申请材料',
  'applications.review': '审核救助申请',
  'applications.publicize': '公示救助申请',
  'applications.object': '登记公示异议',
  'applications.approve': '审批救助申请',
  'applications.reject': '不予批准救助申请',
  'applications.withdraw': '撤回救助申请',
  'applications.urgentApprove': '先行救助审批',
  'applications.completePaperwork': '补齐先行救助材料',
  'payments.pay': '登记发放',
  'payments.reverse': '冲正发放',
  'payments.get': '查看发放记录',
  'payments.list': '查看发放记录列表',
  'payments.xlsx': '导出发放记录',
  'payments.print': '打印发放记录',
  'payments.ofCase': '查看申请的发放',
  'payments.check': '核对发放总账',
  'entitlements.save': '设置按月发放',
  'payroll.create': '生成发放花名册',
  'payroll.get': '查看发放花名册',
  'payroll.list': '查看发放花名册列表',
  'payroll.rows': '查看花名册明细',
  'payroll.exclude': '调整花名册明细',
  'payroll.cancel': '作废发放花名册',
  'payroll.approve': '审批并过账花名册',
  'payroll.roster': '打印发放花名册',
  'payroll.rosterXlsx': '导出发放花名册',
  'payroll.bankFile': '导出银行代发文件',
  'payroll.importBankResults': '导入银行回盘',
  'months.list': '查看月份',
  'months.close': '关闭月份',
  'months.reopen': '重开月份',
  'cadres.list': '查看服务人员',
  'cadres.get': '查看服务人员',
  'cadres.save': '保存服务人员',
  'pairings.start': '建立结对',
  'pairings.end': '结束结对',
  'pairings.ofHousehold': '查看户的结对',
  'pairings.unpaired': '查看未结对户',
  'visits.create': '登记走访',
  'visits.list': '查看走访记录',
  'visits.xlsx': '导出走访记录',
  'visits.print': '打印走访记录',
  'visits.resolveProblem': '登记问题解决',
  'visits.due': '查看待走访',
  'cadence.list': '查看走访周期',
  'cadence.save': '设置走访周期',
  'cards.prepare': '准备便民服务卡',
  'cards.issue': '制发便民服务卡',
  'cards.pdf': '生成便民服务卡 PDF',
  'cards.list': '查看便民服务卡',
  'choices.list': '查看选项',
  'choices.save': '保存选项',
  'wishes.create': '登记微心愿',
  'wishes.get': '查看微心愿',
  'wishes.list': '查看微心愿列表',
  'wishes.xlsx': '导出微心愿',
  'wishes.print': '打印微心愿列表',
  'wishes.decide': '审定微心愿',
  'wishes.wall': '打印心愿墙',
  'wishes.claim': '认领微心愿',
  'wishes.fulfil': '登记心愿实现',
  'wishes.withdraw': '撤回微心愿',
  'suggestions.create': '登记意见建议',
  'suggestions.get': '查看意见建议',
  'suggestions.list': '查看意见建议列表',
  'suggestions.xlsx': '导出意见建议',
  'suggestions.print': '打印意见建议列表',
  'suggestions.assign': '交办意见建议',
  'suggestions.answer': '答复意见建议',
  'suggestions.revisit': '回访意见建议',
  'suggestions.withdraw': '撤回意见建议',
  'disputes.create': '登记纠纷',
  'disputes.get': '查看纠纷',
  'disputes.list': '查看纠纷列表',
  'disputes.xlsx': '导出纠纷',
  'disputes.print': '打印纠纷列表',
  'disputes.session': '登记调解',
  'disputes.conclude': '办结纠纷',
  'disputes.followUp': '回访纠纷',
  'disputes.withdraw': '撤回纠纷',
  'disputes.agreement': '打印调解协议书',
  'reports.annual': '查看年度统计',
  'reports.xlsx': '导出年度统计',
  'reports.docx': '导出年度工作总结',
  'reports.summary': '查看年度工作总结',
  'reports.saveSummary': '保存年度工作总结',
  'backup.list': '查看备份',
  'backup.create': '备份台账',
  'backup.restore': '恢复备份',
  'county.state': '查看县级上报',
  'county.enrol': '登记县级上报',
  'county.push': '上报县级',
  'county.carry': '导出离线上报文件',
  'county.receipt': '载入县里的回执',
  'rollup.year': '查看县级汇总',
  'rollup.townships': '查看乡镇',
  'rollup.sections': '查看乡镇分项',
  'rollup.status': '查看上报状态',
  'rollup.sameness': '查看一致性核对',
  'rollup.checks': '查看跨乡镇核对',
  'rollup.reveal': '查看完整身份证号',
  'rollup.mark': '处理跨乡镇核查',
  'rollup.print': '打印县级汇总',
  'rollup.xlsx': '导出县级汇总',
  'rollup.docx': '导出县级年度工作总结',
  'rollup.address': '查看乡镇上报地址',
  'rollup.enrol': '登记乡镇',
  'rollup.revoke': '注销乡镇',
  'rollup.carry': '导入离线上报文件',
  'rollup.receipt': '下载乡镇回执',
  'rollup.notes': '查看批注',
  'rollup.addNote': '添加批注',
  'imports.open': '打开导入文件',
  'imports.check': '检查导入文件',
  'imports.progress': '查看导入进度',
  'imports.cancel': '取消导入',
  'imports.rows': '查看导入预览',
  'imports.problems': '导出导入问题',
  'imports.confirm': '确认导入',
  'imports.list': '查看导入记录',
  'imports.undo': '撤销导入',
  'imports.template': '下载导入模板',
  // Written by main outside the dispatcher.
  'demo.seed': '生成演示数据',
  visit: '登记走访',
};

/**
 * What kind of record a row is about: the log's 操作类别 filter and the record's noun in the sentence. Sign-ins,
 * exports, prints and look-ups come first: they are what a director checks most often.
 */
export const ENTITY_LABELS: Record<string, string> = {
  session: '登录',
  export: '导出',
  print: '打印',
  lookup: '核对查询',
  staff: '工作人员',
  keys: '密钥',
  settings: '中心设置',
  household: '户',
  person: '家庭成员',
  area: '村/社区',
  reliefKind: '救助类别',
  calendar: '节假日',
  application: '救助申请',
  payment: '发放',
  entitlement: '按月发放',
  payrollBatch: '发放花名册',
  closedMonth: '月份',
  cadre: '服务人员',
  pairing: '结对',
  visit: '走访',
  visitProblem: '走访问题',
  visitCadence: '走访周期',
  serviceCard: '便民服务卡',
  choice: '选项',
  wish: '微心愿',
  suggestion: '意见建议',
  dispute: '纠纷',
  import: '导入',
  backup: '备份',
  county: '县级上报',
  rollup: '县级汇总',
  yearSummary: '年度工作总结',
  demo: '演示数据',
  ledger: '台账',
};

/** The events a session, key or backup row records (`after.event`), in words. */
export const EVENT_LABELS: Record<string, string> = {
  'signed in': '登录',
  'sign-in refused': '登录失败',
  'signed out': '退出登录',
  locked: '锁定屏幕',
  unlocked: '解锁屏幕',
  'unlock refused': '解锁失败',
  'password changed': '修改密码',
  'password change refused': '修改密码失败',
  'password reset by admin': '由管理员重置密码',
  'signed in with the recovery key, password set': '用恢复密钥登录并设置新密码',
  'recovery key typed back': '确认恢复密钥',
  'new recovery key': '更换恢复密钥',
  'data key changed': '更换数据密钥',
  'full ID number shown': '查看完整身份证号',
  backup: '备份',
  restored: '恢复备份',
};

/** What the log row carries: who, when, the channel, the record and its name as main reads it. */
export interface AuditWordsRow {
  at: string;
  staffName: string | null;
  channel: string;
  entity: string;
  entityId: string | null;
  /** The record's name (户主, 受理编号, 姓名…) where main can read it; else its number is said. */
  recordName?: string | null;
  after: string | null;
}

const parse = (json: string | null): Record<string, unknown> => {
  try {
    const v: unknown = json ? JSON.parse(json) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** 2026-03-01T10:02:03+08:00 → 2026-03-01 10:02 (the log is written in China time). */
export const auditTime = (at: string) => at.slice(0, 16).replace('T', ' ');

/** The window (device) a row was made at: recorded by the host when it knows it, else this machine. */
export function auditDevice(after: string | null): string {
  const d = parse(after).device;
  return typeof d === 'string' && d ? d : '本机';
}

/** What was done to which record: 登记新户「王大山户」, 导出发放记录（120 行）, 登录失败. */
export function auditAction(r: AuditWordsRow): string {
  const a = parse(r.after);
  const event = typeof a.event === 'string' ? (EVENT_LABELS[a.event] ?? a.event) : null;
  const action = event ?? CHANNEL_LABELS[r.channel] ?? r.channel;
  const parts: string[] = [action];
  const noun = ENTITY_LABELS[r.entity];
  if (r.entity === 'export' || r.entity === 'print') {
    if (typeof a.what === 'string' && !action.includes(a.what)) parts.push(`「${a.what}」`);
    if (typeof a.rows === 'number') parts.push(`（${a.rows} 行）`);
  } else if (r.entity === 'lookup') {
    // How many were compared (or tried, when refused), how many of them new today, and which (masked, as logged).
    const tried = typeof a.refused === 'number' ? a.refused : typeof a.of === 'number' ? a.of : a.n;
    const fresh = typeof a.of === 'number' && a.of !== a.n ? `，今天新核对 ${a.n} 个` : '';
    if (typeof tried === 'number') parts.push(`（核对 ${tried} 个号码${fresh}）`);
    if (typeof a.what === 'string' && a.what)
      parts.push(`：${a.what.length > 80 ? `${a.what.slice(0, 80)}…` : a.what}`);
  } else if (r.recordName) parts.push(`「${r.recordName}」`);
  else if (r.entityId && r.entity !== 'session' && noun) {
    // A record's number reads (户 12); a key of the program's own (settings' `center`) does not.
    const id = /^\d+$/.test(r.entityId) ? ` ${r.entityId}` : '';
    if (id || !action.includes(noun)) parts.push(`（${noun}${id}）`);
  }
  if ('refused' in a) parts.push('，被拒绝');
  return parts.join('');
}

/** The whole sentence: 2026-03-01 10:02 张三在本机登记新户「王大山户」。 */
export function auditSentence(r: AuditWordsRow): string {
  return `${auditTime(r.at)} ${r.staffName ?? '系统'}在${auditDevice(r.after)}${auditAction(r)}。`;
}
