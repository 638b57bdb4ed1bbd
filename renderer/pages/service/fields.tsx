// Pieces of the service pages' dialogs: a photo read into base64, one dialog per step, and 撤回 with its reason.
import { Button, Form, type FormInstance, Input, Space } from 'antd';
import { type ReactNode, useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import type { Result } from '../../../shared/domain/result';
import { FormDialog } from '../../components/FormDialog';
import { type FormProblem, showResultError } from '../../components/forms';
import { required } from '../../components/rules';

type Photo = { fileName: string; base64: string };

/** A file input for a form: the chosen file as base64 (main checks its type and size from the bytes). */
export function PhotoField({ value, onChange }: { value?: Photo; onChange?: (p: Photo | undefined) => void }) {
  const [reading, setReading] = useState(false);
  const pick = (file: File | undefined) => {
    if (!file) return onChange?.(undefined);
    setReading(true);
    const reader = new FileReader();
    reader.onload = () => {
      setReading(false);
      onChange?.({ fileName: file.name, base64: String(reader.result).replace(/^data:[^,]*,/, '') });
    };
    reader.readAsDataURL(file);
  };
  return (
    <Space>
      <input
        type="file"
        accept="image/jpeg,image/png"
        aria-label="照片"
        onChange={(e) => pick(e.target.files?.[0])}
        disabled={reading}
      />
      {value && <span className="muted">{value.fileName}</span>}
      {value && (
        <Button size="small" onClick={() => onChange?.(undefined)}>
          不传照片
        </Button>
      )}
    </Space>
  );
}

/**
 * A step's dialog around its fields: its form (a step that watches a field passes its own), the call it makes, the
 * refusal shown at its field, and the record the call answers.
 */
export function StepDialog<V, T>(p: {
  title: string;
  okText: string;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  danger?: boolean;
  intro?: ReactNode;
  send: (v: V) => Promise<Result<T>>;
  onDone: (value: T | null) => void;
  children: ReactNode;
}) {
  const [own] = Form.useForm<V>();
  const form = p.form ?? own;
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const submit = async (v: V) => {
    const r = await p.send(v);
    if (!r.ok) return showResultError(form, r.error, setProblem);
    p.onDone(r.value);
  };
  return (
    <FormDialog
      title={p.title}
      okText={p.okText}
      danger={p.danger}
      form={form}
      problem={problem}
      onFinish={submit}
      onCancel={() => p.onDone(null)}
      initialValues={p.initialValues}
      intro={p.intro}
    >
      {p.children}
    </FormDialog>
  );
}

/** 撤回: nothing is ever deleted; the reason stays with the record. */
export function WithdrawDialog<T>({
  what,
  withdraw,
  onDone,
}: {
  what: string;
  withdraw: (reason: string) => Promise<Result<T>>;
  onDone: (value: T | null) => void;
}) {
  return (
    <StepDialog<{ reason: string }, T>
      title={`撤回这条${what}`}
      okText="撤回"
      danger
      send={(v) => withdraw(v.reason)}
      onDone={onDone}
      intro={<p className="muted">撤回后记录仍保留，不计入年度统计。</p>}
    >
      <Form.Item name="reason" label="撤回原因" rules={required(F.withdrawReason)}>
        <Input maxLength={200} autoFocus />
      </Form.Item>
    </StepDialog>
  );
}
