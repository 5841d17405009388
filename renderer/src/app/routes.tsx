import {
  AuditOutlined,
  CalendarOutlined,
  CloudSyncOutlined,
  CommentOutlined,
  FileProtectOutlined,
  FolderOpenOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Action } from '../../../shared/auth/permissions';
import { AuditScreen } from '../features/audit/audit-screen';
import { BackupsScreen } from '../features/backups/backups-screen';
import { CatalogueScreen } from '../features/catalogue/catalogue-screen';
import { ComplaintsScreen } from '../features/complaints/complaints-screen';
import { ConsentsScreen } from '../features/consents/consents-screen';
import { PatientsScreen } from '../features/patients/patients-screen';
import { NotBuiltScreen } from '../features/placeholder/not-built-screen';
import { SettingsScreen } from '../features/settings/settings-screen';
import { StaffScreen } from '../features/staff/staff-screen';
import { SyncScreen } from '../features/sync/sync-screen';
import { TodayScreen } from '../features/today/today-screen';

export type NavKey =
  | 'today'
  | 'patients'
  | 'consents'
  | 'catalogue'
  | 'records'
  | 'complaints'
  | 'backups'
  | 'sync'
  | 'staff'
  | 'audit'
  | 'settings';

export type AppRoute = {
  key: NavKey;
  icon: ReactNode;
  /** Who may open the screen; the repositories check again on every write. */
  permission?: Action;
  /** Who may also reach it by a link without seeing it in the menu (the screen checks its pages). */
  openBy?: readonly Action[];
  element: ReactNode;
};

export const appRoutes: AppRoute[] = [
  { key: 'today', icon: <CalendarOutlined />, element: <TodayScreen /> },
  {
    key: 'patients',
    icon: <UserOutlined />,
    permission: 'patient.view',
    element: <PatientsScreen />,
  },
  {
    key: 'consents',
    icon: <FileProtectOutlined />,
    permission: 'consent.view',
    openBy: ['item.bill'],
    element: <ConsentsScreen />,
  },
  {
    key: 'catalogue',
    icon: <ProfileOutlined />,
    permission: 'catalogue.view',
    element: <CatalogueScreen />,
  },
  {
    key: 'records',
    icon: <FolderOpenOutlined />,
    permission: 'record.view',
    element: <NotBuiltScreen screen="records" />,
  },
  {
    key: 'complaints',
    icon: <CommentOutlined />,
    permission: 'complaint.create',
    element: <ComplaintsScreen />,
  },
  {
    key: 'backups',
    icon: <SafetyCertificateOutlined />,
    permission: 'backup.manage',
    element: <BackupsScreen />,
  },
  {
    key: 'sync',
    icon: <CloudSyncOutlined />,
    permission: 'sync.manage',
    element: <SyncScreen />,
  },
  { key: 'staff', icon: <TeamOutlined />, permission: 'staff.manage', element: <StaffScreen /> },
  { key: 'audit', icon: <AuditOutlined />, permission: 'audit.view', element: <AuditScreen /> },
  { key: 'settings', icon: <SettingOutlined />, element: <SettingsScreen /> },
];
