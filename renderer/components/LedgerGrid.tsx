// Every long list: ag-grid's infinite row model asks main for one page at a time; sorting and filtering are SQL.
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import { AllCommunityModule, type ColDef, type IDatasource, ModuleRegistry } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Alert } from 'antd';
import { useMemo, useState } from 'react';

import type { AppErrorBody, Result } from '../../shared/domain/result';
import type { Page } from '../../shared/schemas/common';
import { CSP_NONCE } from './csp';
import { opensOnClick } from './openRow';

ModuleRegistry.registerModules([AllCommunityModule]);

export interface PageRequest {
  offset: number;
  limit: number;
  sort?: { col: string; dir: 'asc' | 'desc' };
}

const PAGE = 100;

// ag-grid's own Chinese reads like a machine's ("无显示行"): the words a clerk sees are ours.
const LOCALE = {
  ...AG_GRID_LOCALE_CN,
  noRowsToShow: '暂无数据',
  loadingOoo: '正在读取…',
  loadingError: '读取失败',
  selectAll: '全选',
};

function Empty({ text }: { text: string }) {
  return <div className="grid-empty">{text}</div>;
}

export function LedgerGrid<Row>(props: {
  columns: ColDef<Row>[];
  /** A new function (new filters) starts the grid over from the first page. */
  fetchPage: (req: PageRequest) => Promise<Result<Page<Row>>>;
  onOpen?: (row: Row) => void;
  testId?: string;
  /** What an empty grid says: that there is nothing yet, and what to do next. */
  empty: string;
  /** Shown after the row count, from the latest answer (e.g. the net total of the filtered payments). */
  summary?: (page: Page<Row>) => string;
  /** Checkboxes on each row; called with the selected rows (rows must have an id). */
  onSelect?: (rows: Row[]) => void;
}) {
  const [total, setTotal] = useState<number | null>(null);
  const [last, setLast] = useState<Page<Row> | null>(null);
  const [error, setError] = useState<AppErrorBody | null>(null);
  const { fetchPage } = props;

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: async (p) => {
        const s = p.sortModel[0];
        const r = await fetchPage({
          offset: p.startRow,
          limit: p.endRow - p.startRow,
          sort: s ? { col: s.colId, dir: s.sort } : undefined,
        });
        if (!r.ok) {
          setError(r.error);
          return p.failCallback();
        }
        setError(null);
        setTotal(r.value.total);
        setLast(r.value);
        p.successCallback(r.value.rows, r.value.total);
      },
    }),
    [fetchPage],
  );

  return (
    <div data-testid={props.testId}>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 8 }} />}
      <div className="grid-box">
        <AgGridReact<Row>
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={PAGE}
          columnDefs={props.columns}
          defaultColDef={{ sortable: false, resizable: true }}
          localeText={LOCALE}
          noRowsOverlayComponent={Empty}
          noRowsOverlayComponentParams={{ text: props.empty }}
          styleNonce={CSP_NONCE}
          // One click opens a row, as a clerk expects of a list; not a click on its checkbox, nor one that ends a
          // selection of text (a number being copied).
          onRowClicked={(e) => e.data && opensOnClick(e.event as MouseEvent | null) && props.onOpen?.(e.data)}
          rowClass={props.onOpen ? 'open-row' : undefined}
          {...(props.onSelect && {
            rowSelection: { mode: 'multiRow', headerCheckbox: false },
            getRowId: (p: { data: Row }) => String((p.data as { id: number }).id),
            onSelectionChanged: (e: { api: { getSelectedRows(): Row[] } }) => props.onSelect!(e.api.getSelectedRows()),
          })}
          onCellKeyDown={(e) => {
            const key = (e.event as KeyboardEvent | null)?.key;
            if (key === 'Enter' && e.data) props.onOpen?.(e.data);
          }}
        />
      </div>
      <div className="muted" style={{ marginTop: 6 }} data-testid="row-count">
        {total === null ? '正在读取…' : `共 ${total.toLocaleString('zh-CN')} 条`}
        {last && props.summary && `，${props.summary(last)}`}
      </div>
    </div>
  );
}
