// 县级备注: the county's own notes, the one thing its screens write about the townships' figures. Notes are kept as
// written (never edited); a note is about the county, or about one cross-township check (its topic).
import { Alert, Button, Form, Input, List } from 'antd';

import { FIELDS as F } from '../../../shared/domain/fields';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { useRecord } from '../../components/useRecord';

export function Notes({ topic }: { topic: string }) {
  const notes = useRecord('rollup.notes', topic ? { topic } : {});
  const [form] = Form.useForm<{ body: string }>();
  const add = useFormCall(form, 'rollup.addNote', () => {
    form.resetFields();
    notes.reload();
  });
  if (notes.error) return <Alert type="error" showIcon message={notes.error.message} />;
  return (
    <>
      <FormProblemAlert problem={add.problem} />
      <Form form={form} layout="vertical" onFinish={(v) => add.submit({ township: null, topic, body: v.body })}>
        <Form.Item name="body" label="新备注" rules={required(F.note)}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder="核查情况、与乡镇沟通的结果等" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.busy}>
          保存备注
        </Button>
      </Form>
      <List
        data-testid="rollup-notes"
        style={{ marginTop: 16 }}
        loading={!notes.value}
        dataSource={notes.value ?? []}
        locale={{ emptyText: '还没有备注' }}
        renderItem={(n) => (
          <List.Item>
            <List.Item.Meta
              title={`${n.author || '（未署名）'} · ${new Date(n.at).toLocaleString('zh-CN', { hour12: false })}`}
              description={<span style={{ whiteSpace: 'pre-wrap', color: 'inherit' }}>{n.body}</span>}
            />
          </List.Item>
        )}
      />
    </>
  );
}
