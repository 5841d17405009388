import { Alert, Card, Checkbox, Typography } from 'antd';
import type { CheckboxRef } from 'antd';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../../shared/patients/patient';
import { LiveCamera } from './live-camera';
import { StoredPhoto } from './stored-photo';

type PersonSectionProps = {
  patient: Patient;
  confirmed: boolean;
  onConfirmed: (confirmed: boolean) => void;
  /** Enter on the checkbox moves on to the outcome. */
  onEnter: () => void;
  checkboxRef: Ref<CheckboxRef>;
};

/** 人: the stored photo beside the live picture; the desk confirms they are the same person. */
export const PersonSection = ({
  patient,
  confirmed,
  onConfirmed,
  onEnter,
  checkboxRef,
}: PersonSectionProps) => {
  const { t } = useTranslation();
  return (
    <Card title={t('visits.panel.person.title')} size="small" className="visit-section">
      <div className="visit-pictures">
        <div>
          <Typography.Text type="secondary" className="visit-picture-label">
            {t('visits.panel.person.storedPhoto')}
          </Typography.Text>
          {patient.photoId ? (
            <StoredPhoto photoId={patient.photoId} />
          ) : (
            <div className="visit-picture" data-testid="no-photo">
              <Alert type="error" showIcon title={t('visits.panel.person.noPhoto')} />
            </div>
          )}
        </div>
        <div>
          <Typography.Text type="secondary" className="visit-picture-label">
            {t('visits.panel.person.live')}
          </Typography.Text>
          <LiveCamera />
        </div>
      </div>
      <Checkbox
        ref={checkboxRef}
        checked={confirmed}
        onChange={(event) => onConfirmed(event.target.checked)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onEnter();
        }}
        style={{ marginTop: 12 }}
        data-testid="person-confirmed"
      >
        {t('visits.panel.person.confirm')}
      </Checkbox>
    </Card>
  );
};
