// The one-time code (验证码) of a county's enrolment file: the county's screen showed it once when it made the file,
// and its admin told it here by phone or in person. A wrong code is refused beside the field, and counted by main.
import { Form, Input } from 'antd';

import { FormDialog } from '../../components/FormDialog';
import { fill } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';

/** Whether a file is one whose key is sealed under a code (an older county's file holds it in clear). */
export function sealed(text: string): boolean {
  try {
    return typeof (JSON.parse(text) as { sealed?: unknown }).sealed === 'object';
  } catch {
    return false;
  }
}

export function EnrolmentCode(p: {
  file: { name: string; text: string };
  onClose: () => void;
  onEnrolled: () => void;
}) {
  const [form] = Form.useForm<{ oneTimeCode: string }>();
  const enrol = useFormCall(form, 'county.enrol', p.onEnrolled);
  return (
    <FormDialog<{ oneTimeCode: string }>
      title="输入登记验证码"
      form={form}
      problem={enrol.problem}
      okText="载入"
      onCancel={p.onClose}
      onFinish={(v) => enrol.submit({ fileName: p.file.name, text: p.file.text, oneTimeCode: v.oneTimeCode })}
      intro={<p>请输入县民政局登记本乡镇时告诉你的 10 位验证码（字母不分大小写）。</p>}
    >
      <Form.Item name="oneTimeCode" label="验证码" rules={fill('验证码')}>
        <Input placeholder="例如：ABCDE-FGHJK" autoFocus autoComplete="off" maxLength={20} />
      </Form.Item>
    </FormDialog>
  );
}
