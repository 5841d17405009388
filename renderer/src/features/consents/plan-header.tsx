import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ageOn } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import type { Visit } from '../../../../shared/visits/visit';
import { PatientLink } from '../today/patient-link';

/** Whose plan this is: the patient, the visit's day and how it is settled. */
export const PlanHeader = ({ patient, visit }: { patient: Patient; visit: Visit }) => {
  const { t } = useTranslation();
  return (
    <Flex gap={12} align="baseline" wrap data-testid="plan-patient">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('consents.plan.heading')}
      </Typography.Title>
      <Typography.Text style={{ fontSize: 18 }}>
        <PatientLink patient={patient} />
      </Typography.Text>
      <Typography.Text>{t(`patients.sex.${patient.sex}`)}</Typography.Text>
      <Typography.Text>
        {t('visits.panel.age', { age: ageOn(patient.birthDate, visit.date) })}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('consents.plan.visitDate', { date: visit.date })}
      </Typography.Text>
      <Tag
        color={visit.settlement === 'self-pay' ? 'orange' : 'blue'}
        data-testid="plan-settlement"
      >
        {t(`visits.settlement.${visit.settlement}`)}
      </Tag>
    </Flex>
  );
};
