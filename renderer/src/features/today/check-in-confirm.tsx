import { Button, Descriptions, Modal } from 'antd';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { today } from '../../../../shared/clock/calendar-date';
import { ageOn, maskIdNumber, maskPhone } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';

/**
 * One look before a visit is opened: a pick from the box is easily the neighbour in the list.
 * Enter confirms (the button has the focus), Esc goes back to the box.
 */
export const CheckInConfirm = ({
  open,
  patient,
  lastVisit,
  busy,
  onConfirm,
  onBack,
  afterClose,
}: {
  open: boolean;
  patient: Patient | undefined;
  lastVisit: string | undefined;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  const { clock } = useServices();
  const confirmButton = useRef<HTMLButtonElement>(null);
  return (
    <Modal
      open={open}
      title={t('today.confirmCheckIn.title')}
      onCancel={onBack}
      afterClose={afterClose}
      focusable={{ focusTriggerAfterClose: false }}
      afterOpenChange={(opened) => opened && confirmButton.current?.focus()}
      destroyOnHidden
      footer={
        <>
          <Button onClick={onBack} data-testid="check-in-back">
            {t('today.confirmCheckIn.back')}
          </Button>
          <Button
            ref={confirmButton}
            type="primary"
            loading={busy}
            onClick={onConfirm}
            data-testid="check-in-confirm"
          >
            {t('today.confirmCheckIn.confirm')}
          </Button>
        </>
      }
    >
      {patient && (
        <Descriptions column={1} size="small" bordered data-testid="check-in-patient">
          <Descriptions.Item label={t('today.confirmCheckIn.name')}>
            <strong>{patient.name}</strong>
            {` · ${t(`patients.sex.${patient.sex}`)} · ${t('visits.panel.age', {
              age: ageOn(patient.birthDate, today(clock)),
            })}`}
          </Descriptions.Item>
          <Descriptions.Item label={t('today.confirmCheckIn.birthDate')}>
            {patient.birthDate}
          </Descriptions.Item>
          <Descriptions.Item label={t('today.confirmCheckIn.idNumber')}>
            <span className="patient-mono">{maskIdNumber(patient.idNumber)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('today.confirmCheckIn.phone')}>
            {patient.phone ? maskPhone(patient.phone) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('today.confirmCheckIn.lastVisit')}>
            {lastVisit ?? t('today.confirmCheckIn.firstVisit')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Modal>
  );
};
