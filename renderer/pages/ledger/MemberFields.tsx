// One member's fields; used for every row of the registration form and for 添加成员.
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Tooltip } from 'antd';

import { FIELDS as F } from '../../../shared/domain/fields';
import { DISABILITY_TYPES, RELATIONS } from '../../../shared/domain/registry';
import { valueOptions } from '../../components/options';
import { required } from '../../components/rules';
import { IdNumberField } from './IdNumberField';

export function MemberFields({
  prefix,
  listPath,
  isHead,
  onRemove,
}: {
  prefix: (string | number)[];
  listPath?: (string | number)[];
  isHead: boolean;
  /** 删除此成员, in the row's own last column (so it never covers a label). */
  onRemove?: () => void;
}) {
  const p = (f: string) => [...prefix, f];
  return (
    <Row gutter={12}>
      <Col span={4}>
        <Form.Item name={p('name')} label={isHead ? '户主姓名' : '姓名'} rules={required(F.name)}>
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={5}>
        <IdNumberField name={p('idNumber')} listPath={listPath} />
      </Col>
      <Col span={3}>
        <Form.Item name={p('relation')} label="与户主关系" rules={required(F.relation)}>
          <Select
            disabled={isHead}
            showSearch
            options={RELATIONS.filter((r) => isHead || r !== '户主').map((r) => ({ value: r, label: r }))}
          />
        </Form.Item>
      </Col>
      <Col span={4}>
        <Form.Item name={p('phone')} label="电话">
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={3}>
        <Form.Item name={p('disabilityType')} label="残疾类别">
          <Select allowClear showSearch options={valueOptions(DISABILITY_TYPES)} />
        </Form.Item>
      </Col>
      <Col span={2}>
        <Form.Item name={p('disabilityGrade')} label="等级">
          <Select allowClear options={[1, 2, 3, 4].map((g) => ({ value: g, label: `${g} 级` }))} />
        </Form.Item>
      </Col>
      <Col span={2}>
        <Form.Item name={p('disabilityCert')} label="残疾证号">
          <Input maxLength={30} autoComplete="off" />
        </Form.Item>
      </Col>
      <Col span={1}>
        {onRemove && (
          <Form.Item label=" " colon={false}>
            <Tooltip title="删除此成员">
              <Button
                type="text"
                danger
                tabIndex={-1}
                icon={<DeleteOutlined />}
                aria-label="删除此成员"
                onClick={onRemove}
              />
            </Tooltip>
          </Form.Item>
        )}
      </Col>
    </Row>
  );
}
