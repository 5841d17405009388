import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, Radio, Space, Tooltip, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { can } from '../../../shared/auth/permissions';
import type { Staff } from '../../../shared/staff/staff';
import { readSetting } from '../db/settings';
import { HoldingBanner } from '../features/backups/holding-banner';
import { OverdueBanner } from '../features/backups/overdue-banner';
import { ComplaintBadge } from '../features/complaints/complaint-badge';
import { ComplaintNotices } from '../features/complaints/use-complaint-notices';
import { SyncIndicator } from '../features/sync/sync-indicator';
import { useLanguage } from '../i18n/use-language';
import { useGuardedNavigate } from '../ui/leave-guard';
import { ScreenErrorBoundary } from '../ui/screen-error-boundary';
import { RequirePermission } from './require-permission';
import { appRoutes } from './routes';
import { useServices } from './services';
import { roleNames } from '../ui/role-names';

export type ShellProps = { staff: Staff; onLock: () => void; onLogout: () => void };

export const Shell = ({ staff, onLock, onLogout }: ShellProps) => {
  const { t } = useTranslation();
  const { db, appInfo } = useServices();
  const { language, setLanguage } = useLanguage();
  const leaveTo = useGuardedNavigate();
  const location = useLocation();
  const clinic = useLiveQuery(() => readSetting(db, 'clinic'), [db]);
  const current = location.pathname.split('/')[1] ?? 'today';
  const visible = appRoutes.filter(
    (route) => !route.permission || can(staff.roles, route.permission),
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <ComplaintNotices />
      <Layout.Sider width={208} theme="light" className="app-sider">
        <div className="app-brand">
          <Typography.Text strong>{t('common.appName')}</Typography.Text>
          {/* The line is there before the name is read, so the menu below never moves under a click. */}
          <Typography.Text
            type="secondary"
            ellipsis
            className="app-clinic"
            data-testid="clinic-name"
          >
            {clinic?.name}
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[current]}
          onClick={({ key }) => leaveTo(`/${key}`)}
          items={visible.map((route) => ({
            key: route.key,
            icon: route.icon,
            label:
              route.key === 'complaints' ? (
                <span>
                  {t('shell.nav.complaints')}
                  <ComplaintBadge />
                </span>
              ) : (
                t(`shell.nav.${route.key}`)
              ),
          }))}
        />
        <div className="app-device">
          <Typography.Text type="secondary">
            {appInfo.kind === 'browser'
              ? t('shell.browserDevice')
              : t('shell.device', { name: appInfo.deviceName })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('shell.version', { version: appInfo.version })}
          </Typography.Text>
        </div>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Text data-testid="signed-in-as">
            {t('shell.signedInAs', {
              name: staff.displayName,
              role: roleNames(t, staff.roles),
            })}
          </Typography.Text>
          <Space>
            <SyncIndicator canManage={can(staff.roles, 'sync.manage')} />
            <Radio.Group
              size="small"
              optionType="button"
              value={language}
              onChange={(event) => setLanguage(event.target.value)}
              options={[
                { value: 'zh-CN', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
            />
            <Tooltip title={t('shell.lockHint')}>
              <Button icon={<LockOutlined />} onClick={onLock} data-testid="lock-now">
                {t('shell.lockNow')}
              </Button>
            </Tooltip>
            <Button icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout">
              {t('shell.logout')}
            </Button>
          </Space>
        </Layout.Header>
        <HoldingBanner />
        <OverdueBanner roles={staff.roles} />
        <Layout.Content className="app-content">
          <ScreenErrorBoundary resetKey={location.pathname}>
            <Routes>
              {appRoutes.map((route) => (
                <Route
                  key={route.key}
                  path={`/${route.key}/*`}
                  element={
                    <RequirePermission
                      roles={staff.roles}
                      permission={route.permission && [route.permission, ...(route.openBy ?? [])]}
                    >
                      {route.element}
                    </RequirePermission>
                  }
                />
              ))}
              <Route path="*" element={<Navigate to="/today" replace />} />
            </Routes>
          </ScreenErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
};
