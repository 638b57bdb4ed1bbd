// The filter bar above every list: one row that wraps, of selects that clear to 全部…, quick searches and check
// boxes. Each select is named once (`name`): its placeholder is 全部<name> and its accessible name <name>筛选.
import { Checkbox, Input, Select, Space } from 'antd';
import type { CSSProperties, ReactNode } from 'react';

import type { ReliefKind } from '../../shared/schemas/applications';
import { namedOptions, type Option } from './options';
import { useLookups } from './useLookups';

export function FilterBar({ children, style }: { children: ReactNode; style?: CSSProperties }) {
  return (
    <Space style={{ marginBottom: 12, ...style }} wrap>
      {children}
    </Space>
  );
}

export interface FilterProps<T> {
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  style?: CSSProperties;
}

/** A select of the bar: empty means every row (unless `required`, a select that always holds one value). */
export function SelectFilter<T extends string | number>(
  p: FilterProps<T> & {
    name: string;
    width: number;
    options: Option<T>[];
    /** Instead of 全部<name>. */
    placeholder?: string;
    /** Instead of <name>筛选. */
    label?: string;
    required?: boolean;
  },
) {
  return (
    <Select<T>
      placeholder={p.placeholder ?? `全部${p.name}`}
      allowClear={!p.required}
      style={{ width: p.width, ...p.style }}
      value={p.value}
      onChange={(v) => p.onChange(v ?? undefined)}
      options={p.options}
      aria-label={p.label ?? `${p.name}筛选`}
    />
  );
}

/** The bar's quick search: Enter or the button searches, the clear button searches for everything. */
export function SearchFilter(p: {
  placeholder: string;
  label: string;
  width: number;
  onSearch: (q: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <Input.Search
      placeholder={p.placeholder}
      allowClear
      autoFocus={p.autoFocus}
      onSearch={p.onSearch}
      style={{ width: p.width }}
      aria-label={p.label}
    />
  );
}

export function CheckFilter(p: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode }) {
  return (
    <Checkbox checked={p.checked} onChange={(e) => p.onChange(e.target.checked)}>
      {p.children}
    </Checkbox>
  );
}

/** One village (村/社区). */
export function AreaFilter({ value, onChange, style }: FilterProps<number>) {
  const { areas } = useLookups();
  return (
    <SelectFilter
      name="村/社区"
      width={150}
      style={style}
      value={value}
      onChange={onChange}
      options={namedOptions(areas, 'id')}
    />
  );
}

/** One relief kind. */
export function KindFilter({ value, onChange, kinds }: FilterProps<string> & { kinds: ReliefKind[] }) {
  return (
    <SelectFilter name="救助类别" width={190} value={value} onChange={onChange} options={namedOptions(kinds, 'code')} />
  );
}
