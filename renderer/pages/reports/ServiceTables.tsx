// The report's 微心愿, 意见建议 and 矛盾纠纷调解 sections: each figure by category (a dispute's type), area, month
// (and mediator). On the screen a number opens the grid of the rows it counts; the A4 print shows them plain.
import { Tabs } from 'antd';
import type { ReactNode } from 'react';

import { DISPUTE_FIGURE_LABELS, DISPUTE_FIGURES, type DisputeFigure } from '../../../shared/domain/disputes';
import { formatWan } from '../../../shared/domain/money';
import {
  FIGURE_DIMENSIONS,
  type FigureDimension,
  SUGGESTION_FIGURE_LABELS,
  SUGGESTION_FIGURES,
  WISH_FIGURE_LABELS,
  WISH_FIGURES,
} from '../../../shared/domain/service';
import type { YearFigures } from '../../../shared/schemas/reports';
import type { FigureLine } from '../../../shared/schemas/service';
import { FiguresTable } from '../../components/FiguresTable';
import type { YearSections } from './ReportTables';

type Dim = FigureDimension | 'person';
const LINES = { category: 'byCategory', area: 'byArea', month: 'byMonth', person: 'byPerson' } as const;
const FILTER = { category: 'category', area: 'area', month: 'month', person: 'server' } as const;

interface Section<F extends string> {
  year: number;
  grid: 'wishes' | 'suggestions' | 'disputes';
  figures: readonly F[];
  labels: Record<F, string>;
  data: YearFigures<F> & { byPerson?: FigureLine<F>[] };
  /** The breakdowns and their headers (a dispute's category is its type; disputes are also by mediator). */
  dims: Partial<Record<Dim, string>>;
  /** A figure that is not a count: how it is shown (a dispute's amount in 万元). */
  shown?: Partial<Record<F, (n: number) => string>>;
}

/** The link of a number: the grid on the year, the figure and the line's own filter. */
function href<F extends string>(s: Section<F>, f: F, dim: Dim | null, line: FigureLine<F>) {
  const q = new URLSearchParams({ year: String(s.year), figure: f });
  if (dim) q.set(FILTER[dim], line.key);
  if (dim) q.set('line', dim === 'month' ? `${Number(line.key.slice(5))}月` : line.label);
  return `#/service/${s.grid}?${q}`;
}

export function FigureTable<F extends string>({ s, dim, links }: { s: Section<F>; dim: Dim; links: boolean }) {
  const cell = (line: FigureLine<F>, f: F, d: Dim | null) => {
    const n = s.shown?.[f]?.(line[f]) ?? line[f];
    return links && line[f] > 0 ? <a href={href(s, f, d, line)}>{n}</a> : n;
  };
  const label = (l: FigureLine<F>) => (dim === 'month' ? `${Number(l.key.slice(5))}月` : l.label);
  return (
    <FiguresTable
      testId={`${s.grid}-${dim}-table`}
      head={[s.dims[dim], ...s.figures.map((f) => s.labels[f])]}
      rows={[
        ...(s.data[LINES[dim]] ?? []).map((l) => ({
          key: l.key,
          label: label(l),
          cells: s.figures.map((f) => cell(l, f, dim)),
        })),
        { key: 'total', label: '合计', className: 'total', cells: s.figures.map((f) => cell(s.data.total, f, null)) },
      ]}
    />
  );
}

export const wishSection = (r: YearSections): Section<(typeof WISH_FIGURES)[number]> | null =>
  r.wishes && {
    year: r.year,
    grid: 'wishes',
    figures: WISH_FIGURES,
    labels: WISH_FIGURE_LABELS,
    data: r.wishes,
    dims: FIGURE_DIMENSIONS,
  };
export const suggestionSection = (r: YearSections): Section<(typeof SUGGESTION_FIGURES)[number]> | null =>
  r.suggestions && {
    year: r.year,
    grid: 'suggestions',
    figures: SUGGESTION_FIGURES,
    labels: SUGGESTION_FIGURE_LABELS,
    data: r.suggestions,
    dims: FIGURE_DIMENSIONS,
  };
export const disputeSection = (r: YearSections): Section<DisputeFigure> | null =>
  r.disputes && {
    year: r.year,
    grid: 'disputes',
    figures: DISPUTE_FIGURES,
    labels: DISPUTE_FIGURE_LABELS,
    data: r.disputes,
    dims: { category: '纠纷类型', area: '村/社区', month: '月份', person: '调解员' },
    shown: { amount: formatWan },
  };

/** On the screen: the breakdowns as tabs, and for wishes who claimed and fulfilled them. */
/** `links`: each number opens the township's grid behind it (not in the county office, which has no grids). */
export function ServiceFigures<F extends string>({
  s,
  servers,
  links = true,
}: {
  s: Section<F>;
  servers?: YearSections['wishes'];
  links?: boolean;
}) {
  const items: { key: string; label: string; children: ReactNode }[] = (Object.keys(s.dims) as Dim[]).map((dim) => ({
    key: dim,
    label: `按${s.dims[dim]}`,
    children: <FigureTable s={s} dim={dim} links={links} />,
  }));
  if (servers?.byServer.length)
    items.push({
      key: 'server',
      label: '按服务人员',
      children: (
        <FiguresTable
          testId="wishes-server-table"
          head={['服务人员', '认领', '实现']}
          rows={servers.byServer.map((x) => ({
            key: x.cadreId,
            label: x.name,
            cells: (['claimed', 'fulfilled'] as const).map((f) =>
              links ? (
                <a href={`#/service/wishes?year=${s.year}&figure=${f}&server=${x.cadreId}&line=${x.name}`}>{x[f]}</a>
              ) : (
                x[f]
              ),
            ),
          }))}
        />
      ),
    });
  return <Tabs size="small" items={items} />;
}
