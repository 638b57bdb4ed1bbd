// The filters that stand above several grids: one village (村/社区) and one relief kind.
import { Select } from 'antd';
import type { CSSProperties } from 'react';

import type { ReliefKind } from '../../shared/schemas/applications';
import { useLookups } from './useLookups';

interface FilterProps<T> {
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  style?: CSSProperties;
}

export function AreaFilter({ value, onChange, style }: FilterProps<number>) {
  const { areas } = useLookups();
  return (
    <Select
      placeholder="全部村/社区"
      allowClear
      style={{ width: 150, ...style }}
      value={value}
      onChange={onChange}
      options={areas.map((a) => ({ value: a.id, label: a.name }))}
      aria-label="村/社区筛选"
    />
  );
}

export function KindFilter({ value, onChange, kinds }: FilterProps<string> & { kinds: ReliefKind[] }) {
  return (
    <Select
      placeholder="全部救助类别"
      allowClear
      style={{ width: 190 }}
      value={value}
      onChange={onChange}
      options={kinds.map((k) => ({ value: k.code, label: k.name }))}
      aria-label="救助类别筛选"
    />
  );
}
