import { Select } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { today } from '../../../../shared/clock/calendar-date';
import { ageOn, maskIdNumber, maskPhone } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { searchPatients } from '../../db/patients';
import { LookAlikeHint, useLookAlikeVisits } from '../patients/look-alike-hint';

const RESULTS = 10;

/**
 * The desk's shortest way in: type a few letters, pick the patient, confirm, and the verification
 * panel opens. Searching is the patients feature's indexed search; registering stays on its screen.
 */
export const QuickCheckIn = ({ onPick }: { onPick: (patient: Patient) => void }) => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const actor = useActor();
  const [found, setFound] = useState<Patient[]>([]);
  const [query, setQuery] = useState('');
  const latest = useRef('');
  const lookAlike = useLookAlikeVisits(found);

  const search = async (text: string) => {
    latest.current = text;
    setQuery(text);
    const results = await searchPatients(db, actor, text, RESULTS);
    // A slower answer to an older query must not replace the newer one.
    if (latest.current === text) setFound(results);
  };

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: (text) => void search(text) }}
      value={null}
      placeholder={t('today.quickCheckIn.placeholder')}
      aria-label={t('today.quickCheckIn.label')}
      notFoundContent={query.trim() ? t('today.quickCheckIn.notFound') : null}
      style={{ width: 520 }}
      size="large"
      onChange={(patientId) => {
        const patient = found.find((p) => p.id === patientId);
        setFound([]);
        setQuery('');
        if (patient) onPick(patient);
      }}
      options={found.map((p) => ({
        value: p.id,
        // The ID and phone tails on every line, the last visit where two lines look alike.
        label: (
          <span data-testid="check-in-option">
            {[
              p.name,
              t(`patients.sex.${p.sex}`),
              t('visits.panel.age', { age: ageOn(p.birthDate, today(clock)) }),
              maskIdNumber(p.idNumber),
              ...(p.phone ? [t('today.quickCheckIn.phone', { tail: maskPhone(p.phone) })] : []),
            ].join(' · ')}{' '}
            <LookAlikeHint patient={p} lookAlike={lookAlike(p)} />
          </span>
        ),
      }))}
      data-testid="quick-check-in"
    />
  );
};
