// An ID number input that reads the number as it is typed: birth date and gender appear as soon as it is valid,
// and on leaving the field main checks whether someone already holds it.
import { Form, Input } from 'antd';

import { FIELDS as F } from '../../../shared/domain/fields';
import { parseIdNumber } from '../../../shared/domain/idNumber';
import { call } from '../../api';
import { required } from '../../components/rules';
import { today } from '../../components/today';

/** `name` is relative to an enclosing Form.List, whose own path is `listPath` (the full path is both together). */
export function IdNumberField({
  name,
  listPath = [],
  label = '身份证号',
}: {
  name: (string | number)[];
  listPath?: (string | number)[];
  label?: string;
}) {
  const form = Form.useFormInstance();
  const fullName = [...listPath, ...name];
  const value = Form.useWatch(fullName, form) as string | undefined;
  const parsed = value ? parseIdNumber(value, today().format('YYYY-MM-DD')) : null;
  const extra = parsed?.ok
    ? `出生日期 ${parsed.value.birthDate} · ${parsed.value.gender === 'male' ? '男' : '女'}${parsed.value.note ? ` · ${parsed.value.note}` : ''}`
    : undefined;

  const onBlur = async () => {
    if (!value || !parsed?.ok) return;
    const r = await call('persons.checkId', { idNumber: value });
    if (!r.ok) form.setFields([{ name: fullName, errors: [r.error.message] }]);
  };

  return (
    <Form.Item
      name={name}
      label={label}
      extra={<span data-testid="id-derived">{extra}</span>}
      validateTrigger="onBlur"
      rules={[
        ...required(F.idNumber),
        {
          validator: (_, v: string) => {
            if (!v) return Promise.resolve();
            const r = parseIdNumber(v, today().format('YYYY-MM-DD'));
            return r.ok ? Promise.resolve() : Promise.reject(new Error(r.message));
          },
        },
      ]}
    >
      <Input maxLength={40} onBlur={onBlur} autoComplete="off" style={{ fontFamily: 'monospace' }} />
    </Form.Item>
  );
}
