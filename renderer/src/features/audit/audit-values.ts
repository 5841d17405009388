import type { TFunction } from 'i18next';
import type { AuditEntity } from '../../../../shared/audit/audit-event';
import { roles, rolesSchema, type Role } from '../../../../shared/auth/roles';
import { roleNames } from '../../ui/role-names';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';

/**
 * A change's stored value as the owner reads it (issue 13, item 7): states and kinds in the
 * current language, money as ¥, ratios as %, times on the clinic's clock, people and records by
 * name. The stored text stays as it was (it is hashed into the chain); this is only how it shows,
 * and the raw value is one switch away.
 */

/** Fields naming a state or kind, and where their words are. */
const WORDS: Record<string, string | ((entity: AuditEntity) => string | undefined)> = {
  coverage: 'catalogueItem.coverage',
  category: 'catalogue.categories',
  sex: 'patients.sex',
  idType: 'patients.idTypes',
  scheme: 'patients.schemes',
  settlement: 'visits.settlement',
  status: (entity) =>
    entity === 'visit'
      ? 'visits.status'
      : entity === 'planned-item'
        ? 'consents.status'
        : undefined,
};

/** Fields holding another record's id: shown by that record's name where it is known here. */
export const ID_FIELDS: ReadonlySet<string> = new Set([
  'patientId',
  'catalogueItemId',
  'clinicianId',
  'checkedInBy',
  'by',
  'overriddenBy',
  'reviewedBy',
  'performedBy',
  'billedBy',
  'cancelledBy',
  'createdBy',
  'updatedBy',
  'approvedBy',
  'voidedBy',
  'mergedBy',
  'mergedInto',
  'receivedBy',
]);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const INTEGER = /^-?\d+$/;

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

/** A person's roles as the log keeps them (["front-desk","pharmacist"]), or undefined. */
const roleList = (text: string): Role[] | undefined => {
  if (!text.startsWith('[')) return undefined;
  try {
    const parsed = rolesSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

export const auditValue = (
  t: TFunction,
  field: string,
  text: string,
  entity: AuditEntity,
  names: ReadonlyMap<string, string>,
): string => {
  if ((roles as readonly string[]).includes(text)) return t(`common.roles.${text as Role}`);
  const list = roleList(text);
  if (list) return roleNames(t, list);
  if (text === 'true') return t('common.yes');
  if (text === 'false') return t('common.no');
  if (ID_FIELDS.has(field)) return names.get(text) ?? text;
  if (field.endsWith('Fen') && INTEGER.test(text)) return yuan(Number(text));
  if (field.endsWith('RatioBp') && INTEGER.test(text)) return `${Number(text) / 100}%`;
  if (ISO_TIME.test(text) && !Number.isNaN(Date.parse(text))) return formatClinicTime(text);
  const words = WORDS[field];
  const prefix = typeof words === 'function' ? words(entity) : words;
  return prefix ? t(`${prefix}.${text}`, { defaultValue: text }) : text;
};

/** "已校验 / verified (…)": a stored pair of words, Chinese then English, and what follows. */
const WORD_PAIR = /^(.*[\u4e00-\u9fff][^/]*) \/ ([A-Za-z](?:[A-Za-z ,'-]*[A-Za-z])?)(.*)$/;

/**
 * A summary as the current language reads it: some summaries were stored with their words in
 * both languages ("备份 2026-11-25.cdbk · 已校验 / verified"); each such part shows one side.
 */
export const localSummary = (summary: string, language: string): string =>
  summary
    .split(' · ')
    .map((part) => {
      const pair = WORD_PAIR.exec(part);
      if (!pair) return part;
      return `${language.startsWith('zh') ? pair[1] : pair[2]}${pair[3]}`;
    })
    .join(' · ');
