// First: gives every <style> created from here on the CSP nonce (see components/csp.ts).
import { CSP_NONCE } from './components/csp';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} csp={{ nonce: CSP_NONCE }} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1d5fbf', borderRadius: 4 } }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
