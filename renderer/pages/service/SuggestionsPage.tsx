// 群众意见建议: the grid (filters in SQL, the annual report's figures open it), 登记 at the counter (立即答复 closes
// it on the spot), and the .xlsx of the filtered rows.
import { PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Radio, Select, Space, Switch } from 'antd';
import type dayjs from 'dayjs';
import { useCallback, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import {
  SUGGESTION_CHANNELS,
  SUGGESTION_FIGURE_LABELS,
  SUGGESTION_RESULTS,
  SUGGESTION_STATES,
  type SuggestionResult,
} from '../../../shared/domain/service';
import type { SuggestionRow } from '../../../shared/schemas/service';
import { call } from '../../api';
import { FilterBar } from '../../components/filters';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { HouseholdSelect } from '../../components/HouseholdSelect';
import { LedgerGrid, type PageRequest } from '../../components/LedgerGrid';
import { labelOptions, namedOptions, valueOptions } from '../../components/options';
import { go } from '../../components/router';
import { choose, required } from '../../components/rules';
import { ServerSelect } from '../../components/ServerSelect';
import { today } from '../../components/today';
import { useChoices, useLookups } from '../../components/useLookups';
import { suggestionColumns } from './columns';
import { useServiceFilters } from './filters';

type SuggestionForm = {
  content: string;
  channel: keyof typeof SUGGESTION_CHANNELS;
  category: string;
  areaId: number;
  householdId?: number;
  resident?: string;
  collectedBy?: number;
  collectedOn: dayjs.Dayjs;
  now: boolean;
  answerNow?: { answer: string; result: SuggestionResult; resultReason?: string };
};

/** The answer and its result: 立即答复 at registration, and 答复办结 on the suggestion's page. */
export function AnswerFields({ prefix }: { prefix?: 'answerNow' }) {
  const name = (n: string) => (prefix ? [prefix, n] : n);
  return (
    <>
      <Form.Item name={name('answer')} label="答复内容" rules={required(F.answer)}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name={name('result')} label="办理结果" rules={required(F.result)}>
        <Radio.Group options={labelOptions(SUGGESTION_RESULTS)} />
      </Form.Item>
      <Form.Item name={name('resultReason')} label="部分解决或不能解决的原因">
        <Input maxLength={200} />
      </Form.Item>
    </>
  );
}

function RegisterSuggestion({ onDone }: { onDone: (id?: number) => void }) {
  const [form] = Form.useForm<SuggestionForm>();
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const { areas } = useLookups();
  const { suggestionCategories } = useChoices();
  const now = Form.useWatch('now', form);
  const fromHousehold = async (id: number) => {
    const r = await call('households.get', { id });
    if (r.ok) form.setFieldsValue({ resident: r.value.headName, areaId: r.value.areaId });
  };
  const submit = async (v: SuggestionForm) => {
    const r = await call('suggestions.create', {
      content: v.content,
      channel: v.channel,
      category: v.category,
      areaId: v.areaId,
      householdId: v.householdId,
      resident: v.resident ?? '',
      collectedBy: v.collectedBy,
      collectedOn: v.collectedOn.format('YYYY-MM-DD'),
      answerNow: v.now && v.answerNow ? { ...v.answerNow, resultReason: v.answerNow.resultReason ?? '' } : undefined,
    });
    if (!r.ok) return showResultError(form, r.error, setProblem);
    onDone(r.value.id);
  };
  return (
    <FormDialog
      title="登记意见建议"
      okText="登记"
      width={680}
      form={form}
      problem={problem}
      onFinish={submit}
      onCancel={() => onDone()}
      initialValues={{ channel: 'counter', collectedOn: today(), now: false }}
    >
      <Form.Item name="content" label="意见建议内容" rules={required(F.suggestion)}>
        <Input.TextArea rows={3} maxLength={1000} showCount autoFocus />
      </Form.Item>
      <Form.Item name="channel" label="收集渠道">
        <Radio.Group options={labelOptions(SUGGESTION_CHANNELS)} />
      </Form.Item>
      <Space size="middle" align="start" wrap>
        <Form.Item name="category" label="类别" rules={choose('类别')}>
          <Select style={{ width: 130 }} options={valueOptions(suggestionCategories)} />
        </Form.Item>
        <Form.Item name="areaId" label="村/社区" rules={choose('村/社区')}>
          <Select style={{ width: 150 }} options={namedOptions(areas, 'id')} />
        </Form.Item>
        <Form.Item name="collectedOn" label="收集日期" rules={choose('收集日期')}>
          <DatePicker />
        </Form.Item>
      </Space>
      <Space size="middle" align="start" wrap>
        <Form.Item name="householdId" label="台账中的住户（可不选）">
          <HouseholdSelect onChange={(id) => void fromHousehold(id)} />
        </Form.Item>
        <Form.Item name="resident" label="反映人（不填为匿名）">
          <Input maxLength={20} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="collectedBy" label="收集人（服务人员）">
          <ServerSelect aria-label="收集人" />
        </Form.Item>
      </Space>
      <Form.Item name="now" label="立即答复（当场答复并办结）" valuePropName="checked">
        <Switch />
      </Form.Item>
      {now && <AnswerFields prefix="answerNow" />}
    </FormDialog>
  );
}

export function SuggestionsPage() {
  const { suggestionCategories } = useChoices();
  const [adding, setAdding] = useState(false);
  const { filters, bar, exportButton } = useServiceFilters({
    states: SUGGESTION_STATES,
    categories: suggestionCategories,
    figureLabels: SUGGESTION_FIGURE_LABELS,
    search: '姓名、首字母、内容或承办',
    overdueLabel: '只看超期未办结',
    list: 'suggestions',
    input: ({ server: _, ...f }) => f,
    exportFile: (f) => call('suggestions.xlsx', f),
  });
  const fetchPage = useCallback(
    (req: PageRequest) => {
      const { server: _, ...rest } = filters; // a suggestion has no claimer
      const sort = req.sort as { col: 'collectedOn' | 'dueOn'; dir: 'asc' | 'desc' } | undefined;
      return call('suggestions.list', { ...req, sort, ...rest });
    },
    [filters],
  );
  return (
    <>
      <FilterBar>
        {bar}
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          登记意见建议
        </Button>
        {exportButton}
      </FilterBar>
      <LedgerGrid<SuggestionRow>
        empty="还没有意见建议。走访、座谈会、窗口、电话、12345 或微信群收集到的，点 登记意见建议 记下"
        columns={suggestionColumns}
        fetchPage={fetchPage}
        onOpen={(s) => go(`/service/suggestion/${s.id}`)}
        testId="suggestions-grid"
      />
      {adding && <RegisterSuggestion onDone={(id) => (setAdding(false), id && go(`/service/suggestion/${id}`))} />}
    </>
  );
}
