import { Alert, App, Button, Form, Input, InputNumber, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import type { CenterSettings } from '../../../shared/schemas/settings';
import { call } from '../../api';
import { FormProblemAlert } from '../../components/FormProblemAlert';
import { type FormProblem, showResultError } from '../../components/forms';
import { required } from '../../components/rules';

export function CenterForm({ editable }: { editable: boolean }) {
  const [form] = Form.useForm<CenterSettings>();
  const [loaded, setLoaded] = useState(false);
  const [formError, setFormError] = useState<FormProblem | null>(null);
  const { message } = App.useApp();

  useEffect(() => {
    void call('settings.get', {}).then((r) => {
      if (r.ok) form.setFieldsValue(r.value);
      setLoaded(true);
    });
  }, [form]);

  const save = async (v: CenterSettings) => {
    const r = await call('settings.save', v);
    if (r.ok) {
      setFormError(null);
      void message.success('已保存');
    } else showResultError(form, r.error, setFormError);
  };

  if (!loaded) return <Spin />;
  return (
    <Form form={form} layout="vertical" onFinish={save} disabled={!editable} style={{ maxWidth: 560 }}>
      {!editable && <Alert type="info" showIcon message="只有管理员可以修改中心信息" style={{ marginBottom: 16 }} />}
      <FormProblemAlert problem={formError} />
      <Form.Item name="name" label="中心名称" rules={required(F.centerName)} extra="打印在服务卡、回执和报表上">
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="address" label="地址">
        <Input maxLength={140} />
      </Form.Item>
      <Form.Item name="hotline" label="服务热线">
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item name="officeHours" label="办公时间">
        <Input maxLength={140} />
      </Form.Item>
      <Form.Item name="idleLockMinutes" label="无操作自动锁定（分钟）" rules={required(F.idleLockMinutes)}>
        <InputNumber min={1} max={240} precision={0} />
      </Form.Item>
      <Space size="large">
        <Form.Item name="mediationDays" label="纠纷调解期限（自受理起，天）" rules={required(F.mediationDays)}>
          <InputNumber min={1} max={90} precision={0} />
        </Form.Item>
        <Form.Item name="followUpDays" label="达成协议后应回访（天内）" rules={required(F.followUpDays)}>
          <InputNumber min={1} max={365} precision={0} />
        </Form.Item>
      </Space>
      <Form.Item label="服务卡背面的服务事项和电话">
        <Form.List name="serviceItems">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space.Compact key={f.key} style={{ display: 'flex', marginBottom: 6 }}>
                  <Form.Item name={[f.name, 'name']} noStyle rules={required(F.serviceItem)}>
                    <Input placeholder="服务事项，如 司法所" aria-label={`服务事项${f.name + 1}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'phone']} noStyle>
                    <Input placeholder="电话" aria-label={`服务事项${f.name + 1}电话`} />
                  </Form.Item>
                  <Button onClick={() => remove(f.name)}>删除</Button>
                </Space.Compact>
              ))}
              {fields.length < 10 && <Button onClick={() => add({ name: '', phone: '' })}>添加服务事项</Button>}
            </>
          )}
        </Form.List>
      </Form.Item>
      {editable && (
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      )}
    </Form>
  );
}
