// First: gives every <style> created from here on the CSP nonce (see components/csp.ts). Side-effect imports keep
// their order under the import sort, and run before every other import.
import './components/csp';
import 'dayjs/locale/zh-cn';

import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { App } from './App';
import { CSP_NONCE } from './components/csp';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={zhCN}
      csp={{ nonce: CSP_NONCE }}
      button={{ autoInsertSpace: false }}
      theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 4 } }}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
