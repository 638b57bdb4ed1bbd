// A figure of the annual report opens a grid filtered on the condition that counted it: the year and what was
// counted come in the URL (#/ledger?year=2026&change=entered), and a closable tag above the grid names the figure.
import { Tag } from 'antd';
import { useState } from 'react';

/** The figure named by the URL's `year` and `key` parameters, when `key` holds one of `allowed`. */
export function useYearFigure<T extends string>(key: string, allowed: readonly T[]) {
  return useState<{ year: number; value: T } | undefined>(() => {
    const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
    const year = Number(params.get('year'));
    const value = params.get(key) as T | null;
    return year && value && allowed.includes(value) ? { year, value } : undefined;
  });
}

export function YearFigureTag({ label, onClose }: { label: string; onClose: () => void }) {
  return (
    <Tag color="blue" closable onClose={onClose} data-testid="year-figure" style={{ fontSize: 14, padding: '4px 8px' }}>
      年度统计：{label}
    </Tag>
  );
}
