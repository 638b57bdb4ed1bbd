// A table row that opens something (a case, a household, a staff member): by double-click, and from the keyboard —
// Tab reaches the row, Enter opens it. For antd's <Table onRow={openRow(...)}>; LedgerGrid's rows do the same.
import type { HTMLAttributes, KeyboardEvent } from 'react';

export function openRow<Row>(open: (row: Row) => void, o: { click?: boolean } = {}) {
  return (row: Row): HTMLAttributes<HTMLElement> => ({
    tabIndex: 0,
    className: 'open-row',
    onDoubleClick: () => open(row),
    onClick: o.click ? () => open(row) : undefined,
    // Enter on the row itself: not on a link, button or field inside it, which answer Enter themselves.
    onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
      if (e.key === 'Enter' && e.target === e.currentTarget && !e.nativeEvent.isComposing) {
        e.preventDefault();
        open(row);
      }
    },
  });
}
