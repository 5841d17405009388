import { Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { searchPatients } from '../../db/patients';

const RESULTS = 8;

/** The optional patient of a complaint, found with the patients feature's indexed search. */
export const PatientPicker = ({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (patientId: string | undefined) => void;
}) => {
  const { t } = useTranslation();
  const { db } = useServices();
  const actor = useActor();
  const [found, setFound] = useState<Patient[]>([]);
  const latest = useRef('');

  const search = async (text: string) => {
    latest.current = text;
    const results = text.trim() ? await searchPatients(db, actor, text, RESULTS) : [];
    // A slower answer to an older query must not replace the newer one.
    if (latest.current === text) setFound(results);
  };

  return (
    <Select<string>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: (text) => void search(text) }}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      placeholder={t('complaints.form.patientPlaceholder')}
      notFoundContent={null}
      options={found.map((p) => ({
        value: p.id,
        label: `${p.name} · ${maskIdNumber(p.idNumber)}`,
      }))}
      data-testid="complaint-patient"
    />
  );
};
