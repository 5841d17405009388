import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditChange, AuditEntity } from '../../../../shared/audit/audit-event';
import { auditValue } from './audit-values';

const lastSegment = (field: string) => field.split('.').at(-1) ?? field;
const firstSegment = (field: string) => field.split('.')[0] ?? field;

/**
 * "角色：前台 → 医生" per changed field; redacted fields (password) only say that they changed.
 * `raw`: the field names and values exactly as stored, for the insurance inspector.
 */
export const AuditChanges = ({
  changes,
  entity,
  names,
  raw = false,
}: {
  changes: readonly AuditChange[] | undefined;
  entity: AuditEntity;
  /** Record id → name (staff, patients, catalogue items), for fields naming another record. */
  names: ReadonlyMap<string, string>;
  raw?: boolean;
}) => {
  const { t } = useTranslation();
  if (!changes || changes.length === 0) return null;
  const label = (field: string) =>
    raw ? field : t(`audit.fields.${field}`, { defaultValue: field });
  const valueOf = (field: string) => (text: string | undefined) => {
    if (text === undefined) return '—';
    return raw ? text : auditValue(t, lastSegment(field), text, entity, names);
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
        <span key={c.field}>
          {t('audit.changeLine', {
            field: label(raw ? c.field : lastSegment(c.field)),
            from: valueOf(c.field)(c.from),
            to: valueOf(c.field)(c.to),
          })}
        </span>
      ))}
      {hidden.map((field) => (
        <span key={field}>{t('audit.hiddenLine', { field: label(field) })}</span>
      ))}
    </Typography.Text>
  );
};
