import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditChange } from '../../../../shared/audit/audit-event';
import { roles, type Role } from '../../../../shared/auth/roles';

const lastSegment = (field: string) => field.split('.').at(-1) ?? field;
const firstSegment = (field: string) => field.split('.')[0] ?? field;

/** "角色：前台 → 医生" per changed field; redacted fields (password) only say that they changed. */
export const AuditChanges = ({ changes }: { changes: readonly AuditChange[] | undefined }) => {
  const { t } = useTranslation();
  if (!changes || changes.length === 0) return null;
  const label = (field: string) => t(`audit.fields.${field}`, { defaultValue: field });
  const value = (text: string | undefined) => {
    if (text === undefined) return '—';
    if ((roles as readonly string[]).includes(text)) return t(`common.roles.${text as Role}`);
    if (text === 'true') return t('common.yes');
    if (text === 'false') return t('common.no');
    return text;
  };
  const shown = changes.filter((c) => c.from !== undefined || c.to !== undefined);
  // A password change touches hash and salt: one line for the person reading the log.
  const hidden = [
    ...new Set(
      changes
        .filter((c) => c.from === undefined && c.to === undefined)
        .map((c) => firstSegment(c.field)),
    ),
  ];
  return (
    <Typography.Text type="secondary" className="audit-changes">
      {shown.map((c) => (
        <span
          key={c.field}
        >{`${label(lastSegment(c.field))}：${value(c.from)} → ${value(c.to)}`}</span>
      ))}
      {hidden.map((field) => (
        <span key={field}>{t('audit.hiddenLine', { field: label(field) })}</span>
      ))}
    </Typography.Text>
  );
};
