// 导出 Excel and 打印 beside a list's filters: the same filters as its grid (paging aside), the .xlsx from the list's
// `.xlsx` channel and the A4 print from its print route (renderer/print/ListPrint.tsx). Both are audited in main.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';

import type { Result } from '../../shared/domain/result';
import { listPrintRoute, type PrintedList } from '../print/ListPrint';
import { downloadBase64, XLSX } from './download';
import { go } from './router';

export function ListOut({
  list,
  filters,
  exportFile,
}: {
  list: PrintedList;
  /** The list channel's filters without offset and limit (what the print channel takes). */
  filters: object;
  exportFile: () => Promise<Result<{ fileName: string; base64: string }>>;
}) {
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const exportXlsx = async () => {
    setExporting(true);
    const r = await exportFile();
    setExporting(false);
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, XLSX);
    else void message.error(r.error.message);
  };
  return (
    <>
      <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportXlsx}>
        导出 Excel
      </Button>
      <Button icon={<PrinterOutlined />} onClick={() => go(listPrintRoute(list, filters))}>
        打印列表
      </Button>
    </>
  );
}
