// 导出 Excel and 打印 beside a list's filters: the same filters as its grid (paging aside), the .xlsx from the list's
// `.xlsx` channel and the A4 print from its print route (renderer/print/ListPrint.tsx). Both are audited in main.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';

import type { Result } from '../../shared/domain/result';
import { listPrintRoute, type PrintedList } from '../print/ListPrint';
import { downloadBase64, XLSX } from './download';
import { go } from './router';

type ExportFile = () => Promise<Result<{ fileName: string; base64: string; rows?: number }>>;

/** 导出 Excel: the file downloaded, or main's refusal said; `done` words what was exported (已导出 12 户). */
export function ExportButton({ exportFile, done }: { exportFile: ExportFile; done?: (rows: number) => string }) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    const r = await exportFile();
    setExporting(false);
    if (!r.ok) return void message.error(r.error.message);
    downloadBase64(r.value.fileName, r.value.base64, XLSX);
    if (done && r.value.rows !== undefined) void message.success(done(r.value.rows));
  };
  return (
    <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
      导出 Excel
    </Button>
  );
}

export function ListOut({
  list,
  filters,
  exportFile,
}: {
  list: PrintedList;
  /** The list channel's filters without offset and limit (what the print channel takes). */
  filters: object;
  exportFile: ExportFile;
}) {
  return (
    <>
      <ExportButton exportFile={exportFile} />
      <Button icon={<PrinterOutlined />} onClick={() => go(listPrintRoute(list, filters))}>
        打印列表
      </Button>
    </>
  );
}
