import { Button, DatePicker, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { auditActionSchema, auditEntitySchema } from '../../../../shared/audit/audit-event';
import type { Staff } from '../../../../shared/staff/staff';
import type { AuditFilterValues } from './audit-filter';

const byName = new Intl.Collator('zh-CN').compare;

/**
 * The filter bar: every change applies at once, so there is no search button to forget. Each list
 * takes typing ("登录" narrows the actions), so the keyboard alone can filter.
 */
export const AuditFilters = ({
  staff,
  onChange,
}: {
  staff: readonly Staff[];
  onChange: (values: AuditFilterValues) => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditFilterValues>();
  const people = [...staff]
    .sort((a, b) => byName(a.displayName, b.displayName))
    .map((s) => ({
      value: s.id,
      label: s.active ? s.displayName : t('audit.filters.inactivePerson', { name: s.displayName }),
    }));

  const clear = () => {
    form.resetFields();
    onChange({});
  };

  return (
    <Form
      name="audit-filter"
      form={form}
      layout="inline"
      onValuesChange={(_changed, all) => onChange(all)}
      style={{ rowGap: 8 }}
    >
      <Form.Item name="actorId" label={t('audit.filters.person')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filters.personPlaceholder')}
          options={people}
          style={{ width: 180 }}
          data-testid="audit-filter-person"
        />
      </Form.Item>
      <Form.Item name="days" label={t('audit.filters.days')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="entity" label={t('audit.filters.entity')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filters.entityPlaceholder')}
          options={auditEntitySchema.options.map((entity) => ({
            value: entity,
            label: t(`audit.entities.${entity}`),
          }))}
          style={{ width: 160 }}
          data-testid="audit-filter-entity"
        />
      </Form.Item>
      <Form.Item name="action" label={t('audit.filters.action')}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('audit.filters.actionPlaceholder')}
          options={auditActionSchema.options.map((action) => ({
            value: action,
            label: t(`audit.actions.${action}`),
          }))}
          style={{ width: 160 }}
          data-testid="audit-filter-action"
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={clear} data-testid="audit-filter-clear">
          {t('audit.filters.clear')}
        </Button>
      </Form.Item>
    </Form>
  );
};
