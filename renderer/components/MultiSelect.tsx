// The one picker of several values (困难类别, 调解员, 认领的服务人员): every multi-select of the app is this one.
//
// antd's Select (rc-select) treats Tab in an open list as Enter: it toggles the highlighted option. After Enter has
// chosen 低保 the highlight stays on 低保, so the Tab that leaves the field unchose it, and the clerk never saw it go.
// Here Enter (or a click) chooses, Backspace or the tag's × removes, and Tab only moves on: rc-select never sees it.
import { Select, type SelectProps } from 'antd';
import type { KeyboardEvent } from 'react';

export type MultiSelectProps<V> = Omit<SelectProps<V[]>, 'mode'>;

export function MultiSelect<V>(props: MultiSelectProps<V>) {
  // Capture phase: before rc-select's own keydown on its input. Not prevented, so the focus still moves on.
  const keepOnTab = (e: KeyboardEvent) => {
    if (e.key === 'Tab') e.stopPropagation();
  };
  return (
    // display: contents, so the wrapper takes no box and the Select keeps its width in the form's column.
    <div style={{ display: 'contents' }} onKeyDownCapture={keepOnTab}>
      <Select<V[]> {...props} mode="multiple" />
    </div>
  );
}
