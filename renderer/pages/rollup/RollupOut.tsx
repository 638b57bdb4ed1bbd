// 打印, 导出 Excel and (全县总数, 乡镇对比) 年度工作总结（Word） for the county screen on show, as it shows: the year, the
// township chosen on 全县总数, the filters of 跨乡镇核查. The print is its own A4 route (renderer/print/RollupPrint.tsx);
// the files come from main (rollup.xlsx, rollup.docx). All three are audited in main.
import { FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';

import type { Input } from '../../../shared/contract';
import type { RollupScreen } from '../../../shared/domain/rollup';
import { call } from '../../api';
import { DOCX, downloadBase64 } from '../../components/download';
import { ExportButton } from '../../components/ListOut';
import { go } from '../../components/router';

type Shown = Omit<Input<'rollup.xlsx'>, 'screen'>;

/** The print route of a screen: #/print/rollup/<screen>?year=…&<filters>. */
export const rollupPrintRoute = (screen: RollupScreen, input: Shown) =>
  `/print/rollup/${screen}?${new URLSearchParams(
    Object.entries(input).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
  )}`;

export function RollupOut({ screen, input }: { screen: RollupScreen; input: Shown }) {
  const { message } = App.useApp();
  const [writing, setWriting] = useState(false);
  const word = async () => {
    setWriting(true);
    const r = await call('rollup.docx', { year: input.year, ...(input.code && { code: input.code }) });
    setWriting(false);
    if (r.ok) downloadBase64(r.value.fileName, r.value.base64, DOCX);
    else void message.error(r.error.message);
  };
  return (
    <>
      <Button icon={<PrinterOutlined />} onClick={() => go(rollupPrintRoute(screen, input))}>
        打印
      </Button>
      <ExportButton exportFile={() => call('rollup.xlsx', { screen, ...input })} />
      {(screen === 'figures' || screen === 'townships') && (
        <Button icon={<FileWordOutlined />} loading={writing} onClick={word}>
          年度工作总结（Word）
        </Button>
      )}
    </>
  );
}
