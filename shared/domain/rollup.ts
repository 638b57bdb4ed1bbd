// The county office's words, said once for its screens, their prints and their .xlsx (main/county/screens.ts): the
// kinds of a cross-township hit and what to do about each, the states a hit goes through, the columns of the
// townships' other sections side by side, and a copy's state in a word.
import type { ReportSections } from '../schemas/reports';
import { paragraphs, type SummarySection } from './yearSummary';

export const CHECK_KINDS = ['paidTwice', 'registeredTwice', 'sharedAccount'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const CHECK_KIND_LABELS: Record<CheckKind, string> = {
  paidTwice: '重复享受',
  registeredTwice: '重复登记',
  sharedAccount: '共用账户',
};

/** What the county asks of the townships for each kind: the step, then the correction. */
export const CHECK_ADVICE: Record<CheckKind, string> = {
  paidTwice: '请相关乡镇核实此人户籍和实际居住地，由不应发放的一方停发，多发的资金按规定追回',
  registeredTwice: '请相关乡镇核实此人应在哪里在册，由另一方办理退出',
  sharedAccount: '请核实账户归属，改用本人或本户的账户，防止冒领',
};

/** A hit's advice: one sentence per kind it has, in the kinds' order. */
export const adviceOf = (kinds: readonly CheckKind[]): string =>
  CHECK_KINDS.filter((k) => kinds.includes(k))
    .map((k) => `${kinds.length > 1 ? `${CHECK_KIND_LABELS[k]}：` : ''}${CHECK_ADVICE[k]}。`)
    .join('');

/** 待核实 (no mark, or grown since its mark), 核实中, 已处理. */
export const CHECK_STATES = ['open', 'checking', 'done'] as const;
export type CheckState = (typeof CHECK_STATES)[number];
export const CHECK_STATE_LABELS: Record<CheckState, string> = { open: '待核实', checking: '核实中', done: '已处理' };

/** The county's screens, each printed and exported on its own (rollup.print, rollup.xlsx). */
export const ROLLUP_SCREENS = ['figures', 'townships', 'checks', 'sameness', 'enrol', 'notes'] as const;
export type RollupScreen = (typeof ROLLUP_SCREENS)[number];
export const ROLLUP_SCREEN_TITLES: Record<RollupScreen, string> = {
  figures: '全县总数',
  townships: '乡镇对比',
  checks: '跨乡镇核查',
  sameness: '一致性核对',
  enrol: '乡镇登记',
  notes: '县级备注',
};

/** 乡镇对比 of the registers: each township's other sections by the township report's own figures. */
export const SECTION_COLUMNS: { title: string; value: (s: ReportSections) => number }[] = [
  { title: '受理申请', value: (s) => s.applications.accepted },
  { title: '批准', value: (s) => s.applications.approved },
  { title: '按时办结', value: (s) => s.applications.decidedInTime },
  { title: '年末在册户', value: (s) => s.registry.registeredAtEnd },
  { title: '走访（次）', value: (s) => s.pairing?.visits ?? 0 },
  { title: '微心愿收集', value: (s) => s.wishes?.total.collected ?? 0 },
  { title: '微心愿实现', value: (s) => s.wishes?.total.fulfilled ?? 0 },
  { title: '意见建议', value: (s) => s.suggestions?.total.collected ?? 0 },
  { title: '已解决', value: (s) => s.suggestions?.total.resolved ?? 0 },
  { title: '纠纷受理', value: (s) => s.disputes?.total.accepted ?? 0 },
  { title: '调解成功', value: (s) => s.disputes?.total.settled ?? 0 },
];

/** What the county knows of a copy's completeness (StatusRow in schemas/rollup.ts, which imports this file). */
interface CopyCensus {
  acked: number;
  censusSeq: number | null;
  complete: boolean;
  tables: { table: string; township: { n: number; c: number } | null; county: { n: number; c: number } }[];
}

/** Whether the county's copy of a township holds what its ledger held, in a word and, when not, why. */
export function copyState(s: CopyCensus | undefined): { word: string; why: string | null } {
  if (!s || s.censusSeq === null) return { word: '尚未核对', why: null };
  if (s.complete) return { word: '完整', why: null };
  if (s.censusSeq !== s.acked)
    return {
      word: '待核对',
      why: `乡镇的核对数据停在第 ${s.censusSeq} 条变动，县里已收到第 ${s.acked} 条：等下次上报后再核对`,
    };
  const off = s.tables.filter((t) => !t.township || t.township.n !== t.county.n || t.township.c !== t.county.c);
  return {
    word: '不完整',
    why: `不一致的表：${off.map((t) => `${t.table}（乡镇 ${t.township?.n ?? '?'} 行，县里 ${t.county.n} 行）`).join('，')}`,
  };
}

/** A township's enrolment in a word (乡镇登记). */
export const enrolState = (t: { revoked: boolean; ledgerId: string | null }): string =>
  t.revoked ? '已停用' : t.ledgerId ? '已上报' : '等待首次上报';

/** 全县总数 adds the townships' reports: a person is counted once per township, not once over the county. */
export const COUNTY_ADDS = '人数、户数为各乡镇之和：同一人在两个乡镇领取，分别计数（见“跨乡镇核查”）。';

/** What the county's 工作总结 is drafted from (county/countyReport.ts counts it). */
export interface CountySummaryFacts {
  year: number;
  townships: number;
  /** Townships that have pushed at least once. */
  reporting: number;
  /** Townships whose copy is not (yet) shown complete. */
  incomplete: string[];
  /** Hits by kind (a hit of two kinds counts in both), and by state. */
  hits: Record<CheckKind, number>;
  open: number;
  checking: number;
  done: number;
}

/** The county's prompts: where its figures say nothing, the office writes. */
const COUNTY_PROMPTS = {
  practices: '（请补充全县的具体做法、督导检查和典型事例。）',
  problems: '（请补充汇总数据反映不出的其他问题。）',
  problemsNone: '（汇总数据未反映出上报不全或跨乡镇重复享受等问题，请据实填写存在的问题。）',
  plans: '（请结合全县实际，补充下一年度的工作打算。）',
} as const;

/** 主要做法, 存在问题 and 下一步打算 of the county's 年度工作总结, from what the county office itself knows. */
export function draftCountySummary(f: CountySummaryFacts): Record<SummarySection, string> {
  const found = f.open + f.checking + f.done;
  const kinds = CHECK_KINDS.filter((k) => f.hits[k] > 0)
    .map((k) => `${CHECK_KIND_LABELS[k]}${f.hits[k]}${k === 'sharedAccount' ? '个账户' : '人'}`)
    .join('，');
  const practices = [
    `全县${f.townships}个乡镇登记县级汇总，${f.reporting}个已上报台账数据；县里按乡镇年度统计的同一口径逐级汇总，并与各乡镇自报的统计逐项核对。`,
    `开展跨乡镇核查，比对同一人在不同乡镇重复享受救助、重复登记和不同户共用收款账户的情况` +
      (found ? `，${f.year}年发现${found}条（${kinds}），已处理${f.done}条。` : `，${f.year}年未发现此类情况。`),
  ];
  const problems: string[] = [];
  const pending = f.open + f.checking;
  if (pending)
    problems.push(
      `跨乡镇核查发现的${found}条中，尚有${pending}条未处理完毕（待核实${f.open}条，核实中${f.checking}条）。`,
    );
  if (f.incomplete.length)
    problems.push(`${f.incomplete.join('、')}的县级副本尚未核对完整，相关数字可能与乡镇台账不一致。`);
  const plans: string[] = [];
  if (pending) plans.push(`对尚未处理的${pending}条跨乡镇核查结果逐条核实，督促相关乡镇停发、追回或办理退出。`);
  if (f.incomplete.length) plans.push(`督促${f.incomplete.join('、')}按时上报，确保县级汇总完整准确。`);
  return {
    practices: paragraphs(practices, COUNTY_PROMPTS.practices),
    problems: paragraphs(problems, problems.length ? COUNTY_PROMPTS.problems : COUNTY_PROMPTS.problemsNone),
    plans: paragraphs(plans, COUNTY_PROMPTS.plans),
  };
}
