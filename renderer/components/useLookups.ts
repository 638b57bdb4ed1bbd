// Areas and hardship categories for selects and filters; small tables, read once per screen.
import { useEffect, useState } from 'react';

import type { Area, HardshipCategory } from '../../shared/schemas/registry';
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
