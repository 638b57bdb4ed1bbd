// 年度工作总结's sections after its 基本情况 (the statistics): 主要做法, 存在问题, 下一步打算. Each is drafted here from
// the ledger's figures (main/reports/yearSummary.ts counts them) in plain official Chinese, a sentence only where a
// figure says something; what the ledger cannot know is left as a prompt in full-width brackets for the clerk.
// A section the center has saved is its own text and is shown instead (the draft never overwrites it).
import type { Role } from './roles';
import { cnDay } from './time';

/** What the drafts are written from: main counts it (reports/yearSummary.ts) by the report's own conditions. */
export interface SummaryFacts {
  year: number;
  /** Open work (cases, suggestions) is counted as it stands today, as the report's 超期 figures are. */
  today: string;
  /** The day the visits behind their cadence are counted on: today, or the year's last day once it is over. */
  visitsOn: string;
  /**
   * Accepted in the year; the steps taken in the year; late: accepted in the year and decided after the deadline, or
   * still open past it today.
   */
  applications: {
    accepted: number;
    investigated: number;
    publicized: number;
    urgent: number;
    lateDecided: number;
    lateOpen: number;
  };
  /** Payments dated in the year (reversals apart), those by bank, and the posted 花名册 paid in the year. */
  payments: { times: number; bank: number; batches: number };
  /** Null when the year has no pairing data (as the report's section). */
  pairing: {
    cadres: number;
    households: number;
    visits: number;
    home: number;
    problems: number;
    resolved: number;
    /** Households with a primary cadre on `visitsOn`, and those of them past their next visit's day. */
    paired: number;
    behind: number;
    longestDays: number;
  } | null;
  wishes: { collected: number; claimed: number; fulfilled: number; overdue: number } | null;
  /** Collected in the year (withdrawn ones apart): open ones today, revisits and results. */
  suggestions: {
    collected: number;
    onTheSpot: number;
    closed: number;
    open: number;
    openOverdue: number;
    revisited: number;
    unsatisfied: number;
    partly: number;
    unresolved: number;
  } | null;
  disputes: { accepted: number; settled: number; written: number; overdue: number } | null;
}

export const SUMMARY_SECTIONS = ['practices', 'problems', 'plans'] as const;
export type SummarySection = (typeof SUMMARY_SECTIONS)[number];
export const SUMMARY_LABELS: Record<SummarySection, string> = {
  practices: '主要做法',
  problems: '存在问题',
  plans: '下一步打算',
};
/** The headings of the whole 工作总结, the statistics first as its 基本情况 (the .docx and the A4 print). */
export const SUMMARY_HEADINGS = {
  basics: '一、基本情况',
  practices: '二、主要做法',
  problems: '三、存在问题',
  plans: '四、下一步打算',
} as const;
/** Who saves the center's text (reports.saveSummary): those who sign the 工作总结 off (审核人, 审批人) and the admin. */
export const SUMMARY_WRITERS = ['reviewer', 'approver', 'admin'] as const satisfies readonly Role[];
/** A section's text at most, in characters (migration 0017 holds the same). */
export const SUMMARY_MAX = 5000;

/** The prompts the draft leaves where the ledger says nothing: the clerk writes there, and deletes the prompt. */
export const SUMMARY_PROMPTS = {
  practices: '（请补充本中心的具体做法、创新举措和典型事例。）',
  practicesNone: '（本年度台账中暂无办理数据，请填写本年度的主要做法。）',
  problems: '（请补充台账数据反映不出的其他问题。）',
  problemsNone: '（台账数据未反映出办理超时、群众不满意或走访超期等问题，请据实填写存在的问题。）',
  plans: '（请结合本地实际，补充下一年度的工作打算。）',
} as const;

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Numbered paragraphs （一）（二）…, then the prompt; one paragraph a line. */
export const paragraphs = (items: string[], prompt: string) =>
  [...items.map((t, i) => `（${NUMERALS[i] ?? i + 1}）${t}`), prompt].join('\n');
const pct = (part: number, whole: number) => `${((part * 100) / whole).toFixed(1)}%`;

/** 主要做法: how the work was done, as far as the ledger records it (the steps taken, not the totals of 基本情况). */
export function draftPractices(f: SummaryFacts): string {
  const out: string[] = [];
  const a = f.applications;
  if (a.investigated + a.publicized + a.urgent > 0) {
    const steps = [
      a.investigated ? `入户调查${a.investigated}件` : '',
      a.publicized ? `张榜公示${a.publicized}件` : '',
      a.urgent ? `对急难情形先行救助${a.urgent}件` : '',
    ].filter(Boolean);
    out.push(`救助申请办理。全年${steps.join('，')}。`);
  }
  const p = f.payments;
  if (p.times > 0)
    out.push(
      `救助资金发放。全年发放救助资金${p.times}笔${p.bank ? `，其中通过银行代发${p.bank}笔（${pct(p.bank, p.times)}）` : ''}` +
        `${p.batches ? `；按月发放的补贴编制发放花名册${p.batches}批，经审批后发放` : ''}。`,
    );
  const v = f.pairing;
  if (v && v.visits > 0)
    out.push(
      `结对帮扶。${v.cadres}名干部与${v.households}户困难群众结对，全年走访${v.visits}次，其中入户走访${v.home}次` +
        `${v.problems ? `；走访中发现问题${v.problems}个，已解决${v.resolved}个` : ''}。`,
    );
  const w = f.wishes;
  if (w) out.push(`群众微心愿。全年征集${w.collected}个，认领${w.claimed}个，实现${w.fulfilled}个。`);
  const s = f.suggestions;
  if (s)
    out.push(
      `群众意见建议。全年收集${s.collected}条${s.onTheSpot ? `，当场答复${s.onTheSpot}条` : ''}，办结${s.closed}条` +
        `${s.revisited ? `，办结后回访${s.revisited}条` : ''}。`,
    );
  const d = f.disputes;
  if (d)
    out.push(
      `矛盾纠纷调解。全年受理${d.accepted}件，调解成功${d.settled}件${d.written ? `，其中达成书面协议${d.written}件` : ''}。`,
    );
  return paragraphs(out, out.length ? SUMMARY_PROMPTS.practices : SUMMARY_PROMPTS.practicesNone);
}

/** 存在问题: what the figures show went late or wrong — cases past their deadline, 不满意, open work, visits due. */
export function draftProblems(f: SummaryFacts): string {
  const out: string[] = [];
  const today = cnDay(f.today);
  const a = f.applications;
  const late = a.lateDecided + a.lateOpen;
  if (late > 0) {
    const parts = [
      a.lateDecided ? `逾期办结${a.lateDecided}件` : '',
      a.lateOpen ? `截至${today}超过时限仍未办结${a.lateOpen}件` : '',
    ].filter(Boolean);
    out.push(`全年受理救助申请${a.accepted}件，其中${late}件超过办理时限（${parts.join('，')}）。`);
  }
  const s = f.suggestions;
  if (s && s.open > 0)
    out.push(
      `全年收集的${s.collected}条群众意见建议中，截至${today}尚有${s.open}条未答复办结` +
        `${s.openOverdue ? `，其中${s.openOverdue}条已超过办理期限` : ''}。`,
    );
  if (s && (s.unsatisfied > 0 || s.partly + s.unresolved > 0)) {
    const parts = [
      s.unsatisfied ? `回访的${s.revisited}条中群众不满意${s.unsatisfied}条` : '',
      s.partly + s.unresolved ? `办结的${s.closed}条中部分解决${s.partly}条、未能解决${s.unresolved}条` : '',
    ].filter(Boolean);
    out.push(`意见建议办理的效果还有差距，${parts.join('；')}。`);
  }
  const w = f.wishes;
  if (w && w.overdue > 0)
    out.push(`征集的${w.collected}个群众微心愿中，有${w.overdue}个超过完成期限（含逾期实现的和到期未实现的）。`);
  const d = f.disputes;
  if (d && d.overdue > 0) out.push(`受理的${d.accepted}件矛盾纠纷中，有${d.overdue}件超过调解期限。`);
  const v = f.pairing;
  if (v && v.behind > 0)
    out.push(
      `截至${cnDay(f.visitsOn)}，结对帮扶的${v.paired}户中有${v.behind}户超过走访周期未走访，最长的已超期${v.longestDays}天。`,
    );
  return paragraphs(out, out.length ? SUMMARY_PROMPTS.problems : SUMMARY_PROMPTS.problemsNone);
}

/** 下一步打算: for each problem the figures show, the step that answers it; the rest is the center's to write. */
export function draftPlans(f: SummaryFacts): string {
  const out: string[] = [];
  const a = f.applications;
  if (a.lateDecided + a.lateOpen > 0)
    out.push(
      `加强救助申请办理时限管理，对临近期限的申请提前督办` +
        `${a.lateOpen ? `，对超过时限仍未办结的${a.lateOpen}件尽快办结` : ''}。`,
    );
  const s = f.suggestions;
  if (s && s.open > 0) out.push(`对尚未答复办结的${s.open}条群众意见建议逐条跟进，按期答复。`);
  if (s && s.unsatisfied > 0) out.push(`对回访不满意的${s.unsatisfied}条意见建议再次回访，查找原因，改进办理。`);
  const late = [f.wishes?.overdue ? '微心愿' : '', f.disputes?.overdue ? '矛盾纠纷调解' : ''].filter(Boolean);
  if (late.length) out.push(`加强${late.join('和')}的期限管理，到期前提醒承办人。`);
  const v = f.pairing;
  if (v && v.behind > 0) out.push(`督促结对干部对走访超期的${v.behind}户尽快走访，按走访周期落实走访。`);
  return paragraphs(out, SUMMARY_PROMPTS.plans);
}

/** A section's text as the .docx and the A4 print set it: a paragraph a line, blank lines dropped. */
export const summaryParagraphs = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export function draftSummary(f: SummaryFacts): Record<SummarySection, string> {
  return { practices: draftPractices(f), problems: draftProblems(f), plans: draftPlans(f) };
}
