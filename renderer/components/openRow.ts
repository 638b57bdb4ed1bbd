// A table row that opens something (a case, a household, a staff member): by one click, and from the keyboard — Tab
// reaches the row, Enter opens it. For antd's <Table onRow={openRow(...)}>; LedgerGrid's rows do the same.
import type { HTMLAttributes, KeyboardEvent } from 'react';

type Click = { target: EventTarget | null; clientX: number; clientY: number };

/**
 * Whether a click on a row opens it: not a click on a link, button, checkbox or field inside the row (those answer it
 * themselves), nor the end of a drag that selected text to copy. When it opens, the rest of a double-click (the habit
 * of the old lists) is swallowed, so its second click cannot press whatever the opened page shows under the mouse.
 */
export function opensOnClick(e: Click | null | undefined): boolean {
  if (!e) return false;
  const t = e.target;
  if (t instanceof Element && t.closest('a, button, input, textarea, label, .ant-checkbox, .ag-selection-checkbox'))
    return false;
  if (window.getSelection()?.toString()) return false;
  swallowSecondClick(e.clientX, e.clientY);
  return true;
}

const SECOND_CLICK = ['mousedown', 'mouseup', 'click', 'dblclick'];

/** For the system's double-click time (500 ms by default on Windows), clicks on the same spot do nothing. */
function swallowSecondClick(x: number, y: number): void {
  const stop = (e: Event) => {
    const m = e as MouseEvent;
    if (Math.abs(m.clientX - x) > 6 || Math.abs(m.clientY - y) > 6) return;
    e.stopPropagation();
    e.preventDefault();
  };
  for (const type of SECOND_CLICK) document.addEventListener(type, stop, true);
  setTimeout(() => SECOND_CLICK.forEach((type) => document.removeEventListener(type, stop, true)), 500);
}

export function openRow<Row>(open: (row: Row) => void) {
  return (row: Row): HTMLAttributes<HTMLElement> => ({
    tabIndex: 0,
    className: 'open-row',
    onClick: (e) => opensOnClick(e) && open(row),
    // Enter on the row itself: not on a link, button or field inside it, which answer Enter themselves.
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.key === 'Enter' && e.target === e.currentTarget && !e.nativeEvent.isComposing) {
        e.preventDefault();
        open(row);
      }
    },
  });
}
