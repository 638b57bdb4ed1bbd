// 群众服务: residents' small wishes (微心愿), their opinions and suggestions (意见建议) and the disputes the center
// mediates (矛盾纠纷调解), each a grid and a page.
import { Tabs } from 'antd';

import type { SessionState } from '../../../shared/schemas/staff';
import { go } from '../../components/router';
import { DisputePage } from './DisputePage';
import { DisputesPage } from './DisputesPage';
import { SuggestionPage } from './SuggestionPage';
import { SuggestionsPage } from './SuggestionsPage';
import { WishesPage } from './WishesPage';
import { WishPage } from './WishPage';

const TABS = [
  { key: '/service/wishes', label: '微心愿' },
  { key: '/service/suggestions', label: '意见建议' },
  { key: '/service/disputes', label: '矛盾纠纷调解' },
];

export function ServicePage({ route, session }: { route: string; session: SessionState }) {
  const path = route.split('?')[0];
  const wish = /^\/service\/wish\/(\d+)$/.exec(path);
  if (wish) return <WishPage key={wish[1]} id={Number(wish[1])} session={session} />;
  const suggestion = /^\/service\/suggestion\/(\d+)$/.exec(path);
  if (suggestion) return <SuggestionPage key={suggestion[1]} id={Number(suggestion[1])} />;
  const dispute = /^\/service\/dispute\/(\d+)$/.exec(path);
  if (dispute) return <DisputePage key={dispute[1]} id={Number(dispute[1])} />;
  const tab = TABS.find((t) => t.key === path)?.key ?? '/service/wishes';
  return (
    <div className="page">
      <h1 className="page-title">群众服务</h1>
      <Tabs activeKey={tab} onChange={go} items={TABS} />
      {tab === '/service/wishes' && <WishesPage key={route} />}
      {tab === '/service/suggestions' && <SuggestionsPage key={route} />}
      {tab === '/service/disputes' && <DisputesPage key={route} />}
    </div>
  );
}
