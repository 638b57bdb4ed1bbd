// 发放批次: the list, and a new month's batch (collected by main from the active entitlements).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select } from 'antd';
import { useCallback, useState } from 'react';

import { BATCH_STATES, type BatchState } from '../../../shared/domain/payments';
import type { BatchRow } from '../../../shared/schemas/payments';
import { call } from '../../api';
import { FilterBar, SelectFilter } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { labelOptions, namedOptions, valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose } from '../../components/rules';
import { monthRange, today } from '../../components/today';
import { useReliefKinds } from '../applications/ApplicationsPage';
import { batchColumns } from './columns';

export function Batches() {
  const kinds = useReliefKinds().filter((k) => k.recurrence === 'monthly');
  const [state, setState] = useState<BatchState>();
  const [making, setMaking] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [form] = Form.useForm();
  const fetchPage = useCallback(
    (req: PageRequest) => call('payroll.list', { offset: req.offset, limit: req.limit, state }),
    [state],
  );
  const make = async (v: { month: string; kindCode?: string }) => {
    const r = await call('payroll.create', { month: v.month, kindCode: v.kindCode ?? null });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    go(`/payments/batch/${r.value.id}`);
  };
  return (
    <>
      <FilterBar>
        <SelectFilter
          name="批次状态"
          placeholder="状态"
          width={120}
          value={state}
          onChange={setState}
          options={labelOptions(BATCH_STATES)}
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => (form.resetFields(), setProblem(null), setMaking(true))}
        >
          新建发放批次
        </Button>
      </FilterBar>
      <LedgerGrid<BatchRow>
        empty="还没有发放批次。按月发放的待遇登记后，点 新建发放批次"
        columns={batchColumns}
        fetchPage={fetchPage}
        onOpen={(b) => go(`/payments/batch/${b.id}`)}
        testId="batches-grid"
      />
      <FormDialog
        open={making}
        title="新建发放批次"
        okText="生成名单"
        form={form}
        problem={problem}
        onFinish={make}
        onCancel={() => setMaking(false)}
        initialValues={{ month: today().format('YYYY-MM') }}
      >
        <Form.Item name="month" label="发放月份" rules={choose('发放月份')}>
          {/* Main refuses a month more than one ahead. */}
          <Select options={valueOptions(monthRange(1, -12))} />
        </Form.Item>
        <Form.Item name="kindCode" label="救助类别（不选则包括全部按月发放的类别）">
          <Select allowClear options={namedOptions(kinds, 'code')} />
        </Form.Item>
        <div className="muted">
          名单包括该月所有在发的待遇，以及此前银行退回、尚未补发的月份。没有一卡通账号或已退出台账的户自动列为剔除，可在名单中查看。
        </div>
      </FormDialog>
    </>
  );
}
