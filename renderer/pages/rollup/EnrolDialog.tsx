// 登记乡镇: the form (name, 12-digit code; with --pg the address townships reach, since only the county knows it),
// the address the file will carry as the server really listens, and then the one-time code that opens the file's key,
// shown once: the county keeps it nowhere, so this dialog is the only place it is ever seen.
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';

import { FIELDS as F } from '../../../shared/domain/fields';
import type { EnrolAddress, Enrolled } from '../../../shared/schemas/rollup';
import { downloadBase64 } from '../../components/download';
import { FormDialog } from '../../components/FormDialog';
import { required } from '../../components/rules';
import { useFormCall } from '../../components/useFormCall';
import { useRecord } from '../../components/useRecord';

type EnrolForm = { name: string; code: string; url?: string };

/** Where the file will send the township, and whether a township on another PC can reach it. */
function Address({ at }: { at: EnrolAddress }) {
  if (at.local)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message={`汇总库只在本机（${new URL(at.url).host}）接受连接，其他电脑上的乡镇连不上`}
        description="请以 npm start -- --county --listen 本机局域网地址（例如 --listen 192.168.1.10）重新启动县级汇总。现在登记的乡镇只能用离线报送文件。"
      />
    );
  return (
    <Alert
      type={at.encrypted ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      message={
        <>
          乡镇连接 <Typography.Text code>{at.url}</Typography.Text>
        </>
      }
      description={
        at.encrypted
          ? '加密连接，乡镇核对县级证书（证书随登记文件发出）。'
          : '这个地址不加密：县里数据库的用户名和上报内容可能被同一网络上的人看到。'
      }
    />
  );
}

/** The one-time code, shown once after the file is downloaded. */
function OneTimeCode({ enrolled, onClose }: { enrolled: Enrolled; onClose: () => void }) {
  return (
    <Modal
      open
      title="登记文件已下载：请把验证码告诉乡镇管理员"
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          我已记下验证码
        </Button>
      }
    >
      <p>乡镇管理员在 设置 → 县级上报 载入登记文件时，要输入这个验证码：</p>
      <Typography.Title
        level={2}
        data-testid="enrol-one-time-code"
        style={{ fontFamily: 'monospace', letterSpacing: 4 }}
      >
        {enrolled.oneTimeCode}
      </Typography.Title>
      <p>
        验证码<b>只显示这一次</b>，县里不保存。请当面或打电话告诉乡镇管理员，不要和登记文件放在一起发送。
        乡镇记不清时，在它首次上报之前可再次登记同一区划代码，重发登记文件和验证码。
      </p>
    </Modal>
  );
}

export function EnrolDialog({ onClose, onEnrolled }: { onClose: () => void; onEnrolled: () => void }) {
  const address = useRecord('rollup.address', {});
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  const [form] = Form.useForm<EnrolForm>();
  const enrol = useFormCall(form, 'rollup.enrol', (file) => {
    downloadBase64(file.fileName, file.base64, 'application/json');
    setEnrolled(file);
    onEnrolled();
  });
  if (enrolled) return <OneTimeCode enrolled={enrolled} onClose={onClose} />;
  const at = address.value;
  return (
    <FormDialog<EnrolForm>
      title="登记乡镇"
      form={form}
      problem={enrol.problem ?? (address.error && { message: address.error.message })}
      okText="登记并下载登记文件"
      onCancel={onClose}
      onFinish={(v) => enrol.submit({ name: v.name, code: v.code, ...(v.url ? { url: v.url } : {}) })}
      intro={
        <>
          {at && <Address at={at} />}
          <p>登记文件内含该乡镇的上报密钥（已用验证码加密），只能载入一次。</p>
        </>
      }
    >
      <Form.Item name="name" label="乡镇名称" rules={required(F.townshipName)}>
        <Input placeholder="例如：青山镇" autoFocus />
      </Form.Item>
      <Form.Item name="code" label="统计用区划代码（12 位）" rules={required(F.townshipCode)}>
        <Input maxLength={12} placeholder="例如：330122100000" />
      </Form.Item>
      {at && !at.fixed && (
        <Form.Item name="url" label="上报地址（乡镇电脑连接县里数据库的地址，不填则用上面的地址）">
          <Input placeholder={at.url} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
