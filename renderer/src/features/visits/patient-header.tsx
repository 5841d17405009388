import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { today } from '../../../../shared/clock/calendar-date';
import { ageOn } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';

/** Who is being checked: name large, then what the desk compares the person with. */
export const PatientHeader = ({ patient }: { patient: Patient }) => {
  const { t } = useTranslation();
  const { clock } = useServices();
  return (
    <Flex gap={12} align="baseline" wrap data-testid="panel-patient">
      <Typography.Text type="secondary">{t('visits.panel.heading')}</Typography.Text>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {patient.name}
      </Typography.Title>
      <Typography.Text>{t(`patients.sex.${patient.sex}`)}</Typography.Text>
      <Typography.Text>
        {t('visits.panel.age', { age: ageOn(patient.birthDate, today(clock)) })}
      </Typography.Text>
      <Typography.Text type="secondary">{patient.birthDate}</Typography.Text>
      <Tag color={patient.scheme === 'self-pay' ? 'default' : 'blue'}>
        {t(`patients.schemes.${patient.scheme}`)}
      </Tag>
    </Flex>
  );
};
