// A figure of the annual report opens the wishes or suggestions grid on its condition: the year, the figure, and
// the line it was on (#/service/wishes?year=2026&figure=fulfilled&category=扶贫帮困, &area=3, &month=2026-05,
// &server=12).
import { useMemo, useState } from 'react';

export function useDrill<F extends string>(labels: Record<F, string>) {
  const [params, setParams] = useState(() => new URLSearchParams(location.hash.split('?')[1] ?? ''));
  const year = Number(params.get('year')) || undefined;
  const figure = params.get('figure') as F | null;
  const valid = year && figure && figure in labels;
  const month = params.get('month') ?? undefined;
  const server = Number(params.get('server')) || undefined;
  const lineName = params.get('line');
  // The same object while the URL's figure stays, so the grid's fetch (keyed on it) starts over only on a change.
  const filters = useMemo(() => (valid ? { year, figure, month } : {}), [valid, year, figure, month]);
  return {
    /** Filters the drill sets and the clerk does not change (the area and category go into their own filters). */
    filters,
    /** A wishes figure of one 服务人员 (the report's 按服务人员). */
    server: valid ? server : undefined,
    areaId: valid ? Number(params.get('area')) || undefined : undefined,
    category: valid ? (params.get('category') ?? undefined) : undefined,
    label: valid ? `${year}年${lineName ? `${lineName}` : ''}${labels[figure]}` : null,
    clear: () => setParams(new URLSearchParams()),
  };
}
