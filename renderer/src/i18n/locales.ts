import { shellText } from '../app/shell-text';
import { auditText } from '../features/audit/audit-text';
import { backupsText } from '../features/backups/backups-text';
import { catalogueText } from '../features/catalogue/catalogue-text';
import { catalogueItemText } from '../features/catalogue/item-text';
import { complaintsText } from '../features/complaints/complaints-text';
import { consentsText } from '../features/consents/consents-text';
import { noticeText } from '../features/consents/notice-text';
import { patientsText } from '../features/patients/patients-text';
import { placeholderText } from '../features/placeholder/placeholder-text';
import { recoveryText } from '../features/recovery/recovery-text';
import { sessionText } from '../features/session/session-text';
import { settingsText } from '../features/settings/settings-text';
import { setupText } from '../features/setup/setup-text';
import { staffText } from '../features/staff/staff-text';
import { syncText } from '../features/sync/sync-text';
import { todayText } from '../features/today/today-text';
import { visitsText } from '../features/visits/visits-text';
import { accountText } from '../ui/account-text';
import { commonText, errorText } from './common-text';

/** Every feature's text under its own namespace key: t('staff.add'), t('errors.not-found'), … */
const namespaces = {
  common: commonText,
  errors: errorText,
  account: accountText,
  shell: shellText,
  placeholder: placeholderText,
  setup: setupText,
  session: sessionText,
  recovery: recoveryText,
  settings: settingsText,
  staff: staffText,
  audit: auditText,
  patients: patientsText,
  visits: visitsText,
  today: todayText,
  catalogue: catalogueText,
  catalogueItem: catalogueItemText,
  consents: consentsText,
  complaints: complaintsText,
  notice: noticeText,
  backups: backupsText,
  sync: syncText,
};

const pick = (language: 'zh-CN' | 'en') =>
  Object.fromEntries(Object.entries(namespaces).map(([name, text]) => [name, text[language]]));

export const locales = { 'zh-CN': pick('zh-CN'), en: pick('en') };
