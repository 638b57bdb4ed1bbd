// A registered household found by name, pinyin initials or ID tail, as the counter types: 受理申请 and 结对住户.
import { Select } from 'antd';
import { type CSSProperties, useState } from 'react';

import { call } from '../api';

type Option = { value: number; label: string };

/** `known`: the household already chosen elsewhere (a 受理申请 opened from its page), shown before any search. */
export function HouseholdSelect({
  known,
  ...props
}: {
  value?: number;
  onChange?: (id: number) => void;
  autoFocus?: boolean;
  known?: Option;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}) {
  const [found, setOptions] = useState<Option[]>([]);
  const options = known && !found.some((o) => o.value === known.value) ? [known, ...found] : found;
  const [searched, setSearched] = useState('');
  const search = async (q: string) => {
    setSearched(q.trim());
    if (!q.trim()) return;
    const r = await call('households.list', { q, status: 'registered', limit: 20 });
    if (r.ok)
      setOptions(
        r.value.rows.map((h) => ({
          value: h.id,
          label: `户号 ${h.id} · ${h.headName} · ${h.area} · ${h.headIdMasked}`,
        })),
      );
  };
  return (
    <Select
      {...props}
      showSearch
      filterOption={false}
      onSearch={search}
      options={options}
      notFoundContent={
        searched
          ? `没有找到“${searched}”。可换姓名、拼音首字母或身份证号后四位再试；新户请先在 台账 登记`
          : '输入姓名、拼音首字母或身份证号后四位'
      }
    />
  );
}
