import { z } from 'zod';

export const reportInput = z.object({
  year: z.number({ error: '请选择年度' }).int().min(2000, '年度不对').max(2100, '年度不对'),
});

/** A line of relief paid: distinct persons and households, times (人次), amount in fen. */
export interface KindLine {
  kindCode: string;
  kind: string;
  persons: number;
  households: number;
  times: number;
  fen: number;
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
  byMonth: { month: string; times: number; fen: number; reversalFen: number }[];
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
  /** The township-report paragraph, from the same figures. */
  summary: string;
}
