import { Result } from 'antd';

/** A menu area whose screens are not built yet: says so plainly rather than showing an empty grid. */
export function Pending({ title }: { title: string }) {
  return (
    <div className="page">
      <h1 className="page-title">{title}</h1>
      <Result status="info" title="此功能尚未开放" subTitle="本版本先提供登录、工作人员、审计与备份；此页将在后续版本中提供。" />
    </div>
  );
}
