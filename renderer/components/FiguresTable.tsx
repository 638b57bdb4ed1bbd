// The year's figures as a table (report-table): a header row, then lines of a label and numbers. The annual report,
// its service sections and the county's figures all draw their tables with it; `KindFigures` is the per-relief-kind
// table of the township's report and of the county's.
import type { CSSProperties, ReactNode } from 'react';

import { formatWan, formatYuan } from '../../shared/domain/money';
import { changeText } from '../../shared/domain/reports';
import type { KindLine } from '../../shared/schemas/reports';

export interface FigureRow {
  key: string | number;
  label: ReactNode;
  /** The numbers, right-aligned; null is an empty cell. */
  cells: ReactNode[];
  /** 'total' (bold) or 'sub' (a line below the others). */
  className?: string;
  /** The label's cell, e.g. a village's name that must not wrap. */
  labelStyle?: CSSProperties;
}

export function FiguresTable(p: {
  testId: string;
  /** The label column's header first, then one per number. */
  head: ReactNode[];
  rows: FigureRow[];
  /** More classes beside report-table (e.g. months). */
  className?: string;
  style?: CSSProperties;
}) {
  return (
    <table
      className={p.className ? `report-table ${p.className}` : 'report-table'}
      data-testid={p.testId}
      style={p.style}
    >
      <thead>
        <tr>
          {p.head.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {p.rows.map((r) => (
          <tr key={r.key} className={r.className}>
            <td style={r.labelStyle}>{r.label}</td>
            {r.cells.map((c, i) =>
              c === null ? (
                <td key={i} />
              ) : (
                <td key={i} className="num">
                  {c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const n = (v: number) => v.toLocaleString('zh-CN');

/** Where a number of the kind table leads (the township's payments grid); plain text where it leads nowhere. */
export type KindDrill = (
  filter: { kindCode?: string; reversed?: 'payments' | 'reversal' },
  label: ReactNode,
) => ReactNode;

/**
 * Persons, households, 人次 and amount by relief kind, the year's reversals on their own line, and the total. With
 * `prevFen` on every line (the township's report), last year's amount and the change; the total is then net of the
 * reversals and comes last. Without it (the county's figures) the total is the gross one, above the reversals.
 */
export function KindFigures(p: {
  testId: string;
  kinds: (KindLine & { prevFen?: number })[];
  reversals: { times: number; fen: number };
  total: Omit<KindLine, 'kindCode' | 'kind'> & { label: string; prevFen?: number };
  drill?: KindDrill;
}) {
  const drill: KindDrill = p.drill ?? ((_, label) => label);
  const prev = p.total.prevFen !== undefined;
  const line = (
    key: string,
    label: string,
    l: Omit<KindLine, 'kindCode' | 'kind'> & { prevFen?: number },
    f: Parameters<KindDrill>[0],
    /** The amount's own filter where it differs (the net total opens every payment and reversal). */
    fenFilter = f,
    className?: string,
  ): FigureRow => ({
    key,
    label,
    className,
    cells: [
      drill(f, n(l.persons)),
      drill(f, n(l.households)),
      drill(f, n(l.times)),
      drill(fenFilter, formatYuan(l.fen)),
      formatWan(l.fen),
      ...(prev ? [formatYuan(l.prevFen ?? 0), changeText(l.fen, l.prevFen ?? 0)] : []),
    ],
  });
  const reversal: FigureRow = {
    key: 'reversals',
    label: '本年冲正',
    className: prev ? 'sub' : undefined,
    cells: [
      null,
      null,
      drill({ reversed: 'reversal' }, n(p.reversals.times)),
      drill({ reversed: 'reversal' }, formatYuan(-p.reversals.fen)),
      formatWan(-p.reversals.fen),
      ...(prev ? [null, null] : []),
    ],
  };
  const kinds = p.kinds.map((k) => line(k.kindCode, k.kind, k, { kindCode: k.kindCode, reversed: 'payments' }));
  const total = prev
    ? line('total', p.total.label, p.total, { reversed: 'payments' }, {}, 'total')
    : line('total', p.total.label, p.total, {});
  return (
    <FiguresTable
      testId={p.testId}
      head={[
        '救助类别',
        '人数',
        '户数',
        '人次',
        '金额（元）',
        '金额（万元）',
        ...(prev ? ['上年金额（元）', '增减'] : []),
      ]}
      rows={prev ? [...kinds, reversal, total] : [...kinds, total, reversal]}
    />
  );
}
