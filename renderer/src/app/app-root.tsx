import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useMemo, useState, useEffect } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Language } from '../../../shared/settings/settings';
import { BackupScheduler } from '../features/backups/use-backups';
import { HubAccessKeeper } from '../features/sync/hub-access-keeper';
import { SyncRunner } from '../features/sync/sync-runner';
import { createI18n } from '../i18n/i18n';
import { ClearIcon } from '../ui/clear-icon';
import { ScreenErrorBoundary } from '../ui/screen-error-boundary';
import { App } from './app';
import { ServicesProvider, type Services } from './services';

const theme = {
  token: {
    colorPrimary: '#0f766e',
    fontFamily: "'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
    borderRadius: 6,
  },
};

/** Providers around the app: services, i18n, and antd's locale following the UI language. */
export const AppRoot = ({ services, language }: { services: Services; language: Language }) => {
  const i18n = useMemo(() => createI18n(language), [language]);
  const [current, setCurrent] = useState<Language>(language);

  useEffect(() => {
    const follow = (next: string) => {
      const lang: Language = next === 'en' ? 'en' : 'zh-CN';
      setCurrent(lang);
      dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
      document.documentElement.lang = lang;
    };
    follow(i18n.language);
    i18n.on('languageChanged', follow);
    return () => i18n.off('languageChanged', follow);
  }, [i18n]);

  useEffect(() => {
    void services.bridge.setLanguage(current);
  }, [services.bridge, current]);

  return (
    <ServicesProvider services={services}>
      <I18nextProvider i18n={i18n}>
        <ConfigProvider
          locale={current === 'en' ? enUS : zhCN}
          theme={theme}
          button={{ autoInsertSpace: false }}
          // Every clearable Select and picker: a × that is no Tab stop (see ClearIcon).
          select={{ clearIcon: <ClearIcon /> }}
          datePicker={{ clearIcon: <ClearIcon /> }}
          timePicker={{ clearIcon: <ClearIcon /> }}
        >
          <AntApp>
            <BackupScheduler />
            <SyncRunner />
            <HubAccessKeeper />
            {/* Screens have their own (shell.tsx); this one is for login, setup and the lock. */}
            <ScreenErrorBoundary resetKey="app">
              <App />
            </ScreenErrorBoundary>
          </AntApp>
        </ConfigProvider>
      </I18nextProvider>
    </ServicesProvider>
  );
};
