// antd's option lists, built one way: from a label map (value → 中文), or from plain values.

export interface Option<V> {
  value: V;
  label: string;
}

/** One option per key of a label map, in the map's order (or in the order of `keys`, which may leave some out). */
export function labelOptions<K extends string>(labels: Record<K, string>, keys?: readonly K[]): Option<K>[] {
  return (keys ?? (Object.keys(labels) as K[])).map((value) => ({ value, label: labels[value] }));
}

/** One option per value, its label the value itself unless `label` says otherwise (e.g. 2026 → 2026年). */
export function valueOptions<V extends string | number>(values: readonly V[], label?: (v: V) => string): Option<V>[] {
  return values.map((value) => ({ value, label: label ? label(value) : String(value) }));
}

/** One option per named row (a village, a relief kind, a category), its value the row's `key` (id or code). */
export function namedOptions<R extends { name: string }, K extends keyof R>(
  rows: readonly R[],
  key: K,
): Option<R[K]>[] {
  return rows.map((r) => ({ value: r[key], label: r.name }));
}
