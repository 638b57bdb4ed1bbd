import { z } from 'zod';

import type { DisputeFigure } from '../domain/disputes';
import type { SuggestionFigure, WishFigure } from '../domain/service';
import { SUMMARY_LABELS, SUMMARY_MAX, type SummarySection } from '../domain/yearSummary';
import { text } from './common';
import type { FigureLine } from './service';

export const reportInput = z.object({
  year: z.number({ error: '请选择年度' }).int().min(2000, '年度不对').max(2100, '年度不对'),
});

const section = (s: SummarySection) => text(SUMMARY_LABELS[s], { min: 1, max: SUMMARY_MAX, multiline: true });
/** 保存 on the report page: the three sections of a year's 工作总结 as the center writes them. */
export const summarySaveInput = reportInput.extend({
  practices: section('practices'),
  problems: section('problems'),
  plans: section('plans'),
});

/** A section of the year's 工作总结: the center's saved text, else the draft from the figures (`saved` null). */
export interface SummarySectionText {
  section: SummarySection;
  label: string;
  /** What the 工作总结 carries: the saved text, or the draft when nothing is saved. */
  text: string;
  /** Drafted from today's figures, whether or not a text is saved (按数据重新起草 puts it in the box). */
  draft: string;
  saved: { by: string; at: string } | null;
}

export interface YearSummary {
  year: number;
  sections: SummarySectionText[];
}

/** A line of relief paid: distinct persons and households, times (人次), amount in fen. */
export interface KindLine {
  kindCode: string;
  kind: string;
  persons: number;
  households: number;
  times: number;
  fen: number;
}

/**
 * A line of a year's payments as both the township and the county count them: kindCode '' is every kind and areaId 0
 * every area; persons and households distinct over the line.
 */
export interface PaymentLine {
  kindCode: string;
  areaId: number;
  persons: number;
  households: number;
  times: number;
  fen: number;
}

/** Payments and reversals dated in a month. */
export interface MonthLine {
  month: string;
  times: number;
  fen: number;
  reversalFen: number;
}

/** A year's payments: the township reads them from its kept totals, the county from its copy's (same definitions). */
export interface YearPayments {
  lines: PaymentLine[];
  /** 本年冲正: reversals dated in the year, whatever year their payment was. */
  reversals: { times: number; fen: number };
  byMonth: MonthLine[];
}

export interface AnnualReport {
  year: number;
  /** Payments dated in the year, by top-level relief kind (reversals not netted here). */
  byKind: (KindLine & { prevFen: number })[];
  /** 本年冲正: reversals dated in the year, whatever year their payment was. */
  reversals: { times: number; fen: number };
  /** All kinds: distinct persons and households over the year, times and amount of payments. */
  total: KindLine;
  /** Payments minus this year's reversals. */
  netFen: number;
  prevTotal: { fen: number; netFen: number };
  areas: { areaId: number; area: string }[];
  /** Area × kind: persons, times and amount of payments. */
  byAreaKind: { areaId: number; kindCode: string; persons: number; times: number; fen: number }[];
  /** Month by month: payments and reversals dated in that month. */
  byMonth: MonthLine[];
  registry: { entered: number; left: number; registeredAtEnd: number };
  applications: {
    accepted: number;
    approved: number;
    rejected: number;
    withdrawn: number;
    decided: number;
    decidedInTime: number;
  };
  /** Present when pairing data exists for the year. */
  pairing: { cadres: number; households: number; visits: number; aidFen: number; cardsIssued: number } | null;
  /** 微心愿 collected in the year (present when there are any); each line opens the wishes grid. */
  wishes:
    | (YearFigures<WishFigure> & {
        avgDays: number | null;
        byServer: { cadreId: number; name: string; claimed: number; fulfilled: number }[];
      })
    | null;
  /** 群众意见建议 collected in the year (present when there are any). */
  suggestions: YearFigures<SuggestionFigure> | null;
  /** 矛盾纠纷调解 accepted in the year (present when there are any), also by mediator; amounts in fen. */
  disputes: (YearFigures<DisputeFigure> & { byPerson: FigureLine<DisputeFigure>[] }) | null;
  /** The township-report paragraph, from the same figures. */
  summary: string;
}

/** The report's sections beyond payments, from the registers: also what the county computes over its copy. */
export type ReportSections = Pick<
  AnnualReport,
  'registry' | 'applications' | 'pairing' | 'wishes' | 'suggestions' | 'disputes'
>;

/** A register's figures of a year: the total and the lines by category, area and month of collection. */
export interface YearFigures<F extends string> {
  total: FigureLine<F>;
  byCategory: FigureLine<F>[];
  byArea: FigureLine<F>[];
  byMonth: FigureLine<F>[];
}
