// Areas and hardship categories for selects and filters; small tables, read once per screen.
import { useEffect, useState } from 'react';

import type { Area, HardshipCategory } from '../../shared/schemas/registry';
import type { Choice } from '../../shared/schemas/service';
import { call } from '../api';

export function useLookups(): { areas: Area[]; categories: HardshipCategory[] } {
  const [areas, setAreas] = useState<Area[]>([]);
  const [categories, setCategories] = useState<HardshipCategory[]>([]);
  useEffect(() => {
    void call('areas.list', {}).then((r) => r.ok && setAreas(r.value.filter((a) => a.active)));
    void call('categories.list', {}).then((r) => r.ok && setCategories(r.value));
  }, []);
  return { areas, categories };
}

/** The pick lists kept as data: 服务岗位 (also the wishes' categories), 意见建议类别 and 纠纷类型, active ones only. */
export function useChoices(): { posts: string[]; suggestionCategories: string[]; disputeTypes: string[] } {
  const [choices, setChoices] = useState<Choice[]>([]);
  useEffect(() => void call('choices.list', {}).then((r) => r.ok && setChoices(r.value)), []);
  const of = (list: Choice['list']) => choices.filter((c) => c.list === list && c.active).map((c) => c.name);
  return { posts: of('post'), suggestionCategories: of('suggestionCategory'), disputeTypes: of('disputeType') };
}
