// 工作总结 on the report page: 主要做法, 存在问题 and 下一步打算 of the year, each the center's saved text or, until one is
// saved, the draft main writes from the figures. 按数据重新起草 puts a fresh draft in its box (nothing is written until
// 保存); 保存 is for a reviewer, an approver or the admin, and what is saved is what the .docx and the A4 print carry.
import { Alert, App, Button, Card, Form, Input, Space, Spin, Tag } from 'antd';
import { useEffect } from 'react';

import { auditTime } from '../../../shared/domain/auditWords';
import { SUMMARY_MAX, type SummarySection } from '../../../shared/domain/yearSummary';
import type { YearSummary } from '../../../shared/schemas/reports';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { fill } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { useRecord } from '../../components/useRecord';

type Texts = Record<SummarySection, string>;
const textsOf = (s: YearSummary) => Object.fromEntries(s.sections.map((x) => [x.section, x.text])) as Texts;

export function YearSummaryCard({ year, editable }: { year: number; editable: boolean }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Texts>();
  const { value: s, error, set } = useRecord('reports.summary', { year });
  const save = useFormCall(form, 'reports.saveSummary', (next) => {
    set(next);
    void message.success('工作总结已保存');
  });
  useEffect(() => {
    if (s) form.setFieldsValue(textsOf(s));
  }, [form, s]);
  return (
    <Card size="small" title="工作总结（主要做法、存在问题、下一步打算）" style={{ marginBottom: 12 }}>
      {error ? (
        <Alert type="error" showIcon message={error.message} />
      ) : !s ? (
        <Spin />
      ) : (
        <Form
          form={form}
          layout="vertical"
          data-testid="year-summary"
          onFinish={(v: Texts) => save.submit({ year, ...v })}
          disabled={!editable}
        >
          <p className="muted" style={{ marginTop: 0 }}>
            未保存的部分按台账数据起草，括号里的提示请改写为本中心的内容；保存后即为本中心的文字，年度工作总结（Word）和打印报表按保存的内容输出。
          </p>
          {!editable && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message="工作总结由审核人、审批人或管理员填写保存"
            />
          )}
          <FormProblemAlert problem={save.problem} />
          {s.sections.map((x) => (
            <Form.Item
              key={x.section}
              name={x.section}
              rules={fill(x.label)}
              label={
                <Space size="small">
                  <span>{x.label}</span>
                  {x.saved ? (
                    <Tag color="green">
                      已保存：{x.saved.by} {auditTime(x.saved.at)}
                    </Tag>
                  ) : (
                    <Tag color="blue">按数据起草，尚未保存</Tag>
                  )}
                  {editable && (
                    <Button
                      size="small"
                      type="link"
                      aria-label={`按数据重新起草${x.label}`}
                      onClick={() => form.setFieldValue(x.section, x.draft)}
                    >
                      按数据重新起草
                    </Button>
                  )}
                </Space>
              }
            >
              {/* Fixed rows: antd's autoSize measures with a style attribute, which the CSP refuses. */}
              <Input.TextArea rows={7} maxLength={SUMMARY_MAX} aria-label={x.label} />
            </Form.Item>
          ))}
          {editable && (
            <Button type="primary" htmlType="submit" loading={save.busy}>
              保存工作总结
            </Button>
          )}
        </Form>
      )}
    </Card>
  );
}
