import { Button, DatePicker, Form, Select } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Staff } from '../../../../shared/staff/staff';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { searchPatients } from '../../db/patients';
import type { ConsentFilterValues } from './consent-list-filter';

const byName = new Intl.Collator('zh-CN').compare;
const STATES = ['signed', 'refused', 'voided'] as const;

/** Patients found by name or pinyin as the person types (the search box's own query). */
const usePatientOptions = () => {
  const { db } = useServices();
  const actor = useActor();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = async (query: string) => {
    const found = await searchPatients(db, actor, query, 20);
    setOptions(found.map((p) => ({ value: p.id, label: `${p.name} · ${p.birthDate}` })));
  };
  return { options, search };
};

/** The filter bar: every change applies at once; "today" goes back to where the list starts. */
export const ConsentFilters = ({
  staff,
  today,
  onChange,
}: {
  staff: readonly Staff[];
  /** The clinic's today, which the list starts on. */
  today: string;
  onChange: (values: ConsentFilterValues) => void;
}) => {
  const { t } = useTranslation();
  const [form] = Form.useForm<ConsentFilterValues>();
  const patients = usePatientOptions();
  const clinicians = staff
    .filter((s) => s.roles.includes('clinician') || s.roles.includes('owner'))
    .sort((a, b) => byName(a.displayName, b.displayName))
    .map((s) => ({ value: s.id, label: s.displayName }));
  const reset = () => {
    form.resetFields();
    onChange(form.getFieldsValue());
  };

  return (
    <Form
      name="consent-filter"
      form={form}
      layout="inline"
      initialValues={{ days: [dayjs(today), dayjs(today)] }}
      onValuesChange={(_changed, all) => onChange(all)}
      style={{ rowGap: 8 }}
    >
      <Form.Item name="days" label={t('notice.list.filters.days')}>
        <DatePicker.RangePicker allowEmpty={[true, true]} data-testid="consent-filter-days" />
      </Form.Item>
      <Form.Item name="patientId" label={t('notice.list.filters.patient')}>
        <Select
          allowClear
          showSearch={{ filterOption: false, onSearch: (q) => void patients.search(q) }}
          placeholder={t('notice.list.filters.patientPlaceholder')}
          options={patients.options}
          style={{ width: 200 }}
          data-testid="consent-filter-patient"
        />
      </Form.Item>
      <Form.Item name="clinicianId" label={t('notice.list.filters.clinician')}>
        <Select
          allowClear
          placeholder={t('notice.list.filters.clinicianPlaceholder')}
          options={clinicians}
          style={{ width: 150 }}
          data-testid="consent-filter-clinician"
        />
      </Form.Item>
      <Form.Item name="state" label={t('notice.list.filters.state')}>
        <Select
          allowClear
          placeholder={t('notice.list.filters.statePlaceholder')}
          options={STATES.map((s) => ({ value: s, label: t(`notice.states.${s}`) }))}
          style={{ width: 130 }}
          data-testid="consent-filter-state"
        />
      </Form.Item>
      <Form.Item>
        <Button onClick={reset} data-testid="consent-filter-today">
          {t('notice.list.filters.clear')}
        </Button>
      </Form.Item>
    </Form>
  );
};
