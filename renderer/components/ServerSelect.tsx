// 服务人员 found by name or pinyin initials (only those on duty): who claims a wish, who collected a suggestion,
// who mediates a dispute, whose account a staff member signs in with.
import { Select } from 'antd';
import { useState } from 'react';

import { SERVER_KINDS } from '../../shared/domain/service';
import { call } from '../api';
import { MultiSelect } from './MultiSelect';

type Option = { value: number; label: string };

export function ServerSelect(props: {
  value?: number | number[];
  onChange?: (v: number | number[]) => void;
  multiple?: boolean;
  autoFocus?: boolean;
  'aria-label'?: string;
  /** Labels of the people already chosen, until a search brings their options. */
  known?: Option[];
}) {
  const { multiple, known, ...rest } = props;
  const [options, setOptions] = useState<Option[]>(known ?? []);
  const search = async (q: string) => {
    const r = await call('cadres.list', { q: q.trim() || undefined, active: true, limit: 20 });
    if (r.ok)
      setOptions(
        r.value.rows.map((c) => ({
          value: c.id,
          label: `${c.name} · ${SERVER_KINDS[c.kind]}${c.unit ? ` · ${c.unit}` : ''}`,
        })),
      );
  };
  const shared = {
    allowClear: true,
    showSearch: true,
    filterOption: false,
    onSearch: search,
    onFocus: () => options.length === (known?.length ?? 0) && void search(''),
    options,
    notFoundContent: '没有找到。可换姓名或拼音首字母再试；新人员请先在 结对帮扶 → 服务人员 登记',
  };
  const { value, onChange, ...other } = rest;
  // Several people go through the app's one multi-select, whose Tab never unchooses (MultiSelect.tsx).
  return multiple ? (
    <MultiSelect<number> {...other} {...shared} value={value as number[] | undefined} onChange={(v) => onChange?.(v)} />
  ) : (
    <Select<number> {...other} {...shared} value={value as number | undefined} onChange={(v) => onChange?.(v)} />
  );
}
