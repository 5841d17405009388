import { useVirtualizer } from '@tanstack/react-virtual';
import { Tag } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarDate } from '../../../../shared/clock/calendar-date';
import { ageOn, maskIdNumber, maskPhone } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import { LookAlikeHint, useLookAlikeVisits } from './look-alike-hint';

const ROW_HEIGHT = 44;

export const optionId = (index: number) => `patient-option-${index}`;

type PatientResultsProps = {
  patients: readonly Patient[];
  active: number;
  today: CalendarDate;
  onActivate: (index: number) => void;
  onOpen: (patient: Patient) => void;
};

/**
 * The matches, virtualized: only the rows in view are in the page, so a list of hundreds costs
 * what a list of fifteen does. Identity numbers and phones show their last four characters only.
 */
export const PatientResults = ({
  patients,
  active,
  today,
  onActivate,
  onOpen,
}: PatientResultsProps) => {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const lookAlike = useLookAlikeVisits(patients);
  // No React Compiler in this build, so nothing memoizes the virtualizer's functions stale.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: patients.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });

  useEffect(() => {
    if (active < patients.length) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, patients.length, virtualizer]);

  return (
    <div className="patient-results">
      <div className="patient-row patient-row-header" aria-hidden>
        <span>{t('patients.columns.name')}</span>
        <span>{t('patients.columns.sex')}</span>
        <span>{t('patients.columns.age')}</span>
        <span>{t('patients.columns.idNumber')}</span>
        <span>{t('patients.columns.phone')}</span>
        <span>{t('patients.columns.scheme')}</span>
      </div>
      <div
        ref={scroller}
        className="patient-results-scroll"
        role="listbox"
        id="patient-results"
        aria-label={t('patients.search.label')}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const patient = patients[item.index]!;
            const selected = item.index === active;
            return (
              <div
                key={patient.id}
                id={optionId(item.index)}
                role="option"
                aria-selected={selected}
                className={selected ? 'patient-row patient-row-active' : 'patient-row'}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onMouseMove={() => !selected && onActivate(item.index)}
                onClick={() => onOpen(patient)}
                data-testid="patient-row"
              >
                <span className="patient-row-name">
                  {patient.name} <LookAlikeHint patient={patient} lookAlike={lookAlike(patient)} />
                </span>
                <span>{t(`patients.sex.${patient.sex}`)}</span>
                <span>{t('patients.age', { age: ageOn(patient.birthDate, today) })}</span>
                <span className="patient-mono">{maskIdNumber(patient.idNumber)}</span>
                <span className="patient-mono">
                  {patient.phone ? maskPhone(patient.phone) : ''}
                </span>
                <span>
                  <Tag>{t(`patients.schemes.${patient.scheme}`)}</Tag>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
};
