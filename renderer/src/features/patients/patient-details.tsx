import { ArrowLeftOutlined, EditOutlined, WarningOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import { today } from '../../../../shared/clock/calendar-date';
import { ageOn } from '../../../../shared/patients/display';
import type { Patient } from '../../../../shared/patients/patient';
import { provinceByCode } from '../../../../shared/regions';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { useLanguage } from '../../i18n/use-language';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { CheckInButton } from '../visits/check-in-button';
import { PatientVisitsTimeline } from '../visits/patient-visits-timeline';
import { MaskedIdNumber } from './masked-id-number';
import {
  MergedAwayNotice,
  MergedFromLine,
  PossibleDuplicates,
  useMergeState,
} from './patient-merge';
import { PatientPhoto } from './patient-photo';
import { PhotoDialogButton } from './photo-dialog';

/** The patient page: the stored photo large, beside everything the desk registered. */
export const PatientDetails = ({ patient }: { patient: Patient }) => {
  const { t } = useTranslation();
  const { clock } = useServices();
  const { language } = useLanguage();
  const me = useSession((state) => state.staff)!;
  const navigate = useNavigate();
  const merge = useMergeState(patient);
  // A merged-away record stays readable, but the person's record is the survivor's.
  const mergedAway = merge?.survivor !== undefined;
  const editable = can(me.roles, 'patient.edit-identity') && merge !== undefined && !mergedAway;
  const province = patient.insuredRegion && provinceByCode(patient.insuredRegion.province);
  const empty = <Typography.Text type="secondary">{t('patients.page.empty')}</Typography.Text>;

  const items = [
    {
      key: 'idType',
      label: t('patients.fields.idType'),
      children: t(`patients.idTypes.${patient.idType}`),
    },
    {
      key: 'idNumber',
      label: t('patients.fields.idNumber'),
      children: <MaskedIdNumber idNumber={patient.idNumber} />,
    },
    { key: 'birthDate', label: t('patients.fields.birthDate'), children: patient.birthDate },
    { key: 'phone', label: t('patients.fields.phone'), children: patient.phone ?? empty },
    {
      key: 'scheme',
      label: t('patients.fields.scheme'),
      children: t(`patients.schemes.${patient.scheme}`),
    },
    {
      key: 'region',
      label: t('patients.page.insuredRegion'),
      children: province
        ? `${language === 'en' ? province.en : province.zh} ${patient.insuredRegion?.city ?? ''}`
        : empty,
    },
    { key: 'card', label: t('patients.fields.cardNumber'), children: patient.cardNumber ?? empty },
    {
      key: 'prior',
      label: t('patients.fields.priorReimbursements'),
      children: patient.priorReimbursements ?? empty,
    },
    ...(patient.guardian
      ? [
          {
            key: 'guardian',
            label: t('patients.guardian.title'),
            span: 2,
            children: (
              <span data-testid="patient-guardian">
                {t('patients.guardian.shown', {
                  name: patient.guardian.name,
                  relation: t(`consents.relations.${patient.guardian.relation}`),
                })}{' '}
                <span className="patient-mono">{patient.guardian.phone}</span>
                {patient.guardian.idNumber && (
                  <>
                    {' '}
                    <MaskedIdNumber idNumber={patient.guardian.idNumber} />
                  </>
                )}
              </span>
            ),
          },
        ]
      : []),
    {
      key: 'notes',
      label: t('patients.fields.notes'),
      span: 2,
      children: patient.notes ? (
        <span style={{ whiteSpace: 'pre-wrap' }}>{patient.notes}</span>
      ) : (
        empty
      ),
    },
    {
      key: 'registered',
      label: t('patients.page.registeredAt'),
      children: <span className="patient-nowrap">{formatClinicTime(patient.createdAt)}</span>,
    },
    {
      key: 'updated',
      label: t('patients.page.updatedAt'),
      children: <span className="patient-nowrap">{formatClinicTime(patient.updatedAt)}</span>,
    },
  ];

  return (
    <Card data-testid="patient-page">
      <Flex gap="large" align="start">
        <Flex vertical gap="small" align="center" style={{ flex: '0 0 auto' }}>
          <PatientPhoto photoId={patient.photoId} name={patient.name} />
          {!patient.photoId && (
            <Typography.Text type="warning" style={{ maxWidth: 240 }}>
              <WarningOutlined /> {t('patients.photo.noneWarning')}
            </Typography.Text>
          )}
          {editable && <PhotoDialogButton patient={patient} />}
        </Flex>
        <Flex vertical gap="middle" style={{ flex: '1 1 auto', minWidth: 0 }}>
          <Flex justify="space-between" align="start" gap="middle" wrap>
            <div>
              <Typography.Title level={2} style={{ marginBottom: 8 }} data-testid="patient-name">
                {patient.name}
              </Typography.Title>
              <Space size="small">
                <Tag>{t(`patients.sex.${patient.sex}`)}</Tag>
                <Tag>{t('patients.age', { age: ageOn(patient.birthDate, today(clock)) })}</Tag>
                <Tag color="blue">{t(`patients.schemes.${patient.scheme}`)}</Tag>
                {patient.sameIdApproval && (
                  <Tooltip
                    title={t('patients.duplicates.sameIdApproved', {
                      reason: patient.sameIdApproval.reason,
                    })}
                  >
                    <Tag color="red" data-testid="same-id-flag">
                      {t('patients.duplicates.sameIdFlag')}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
              {merge && (
                <div style={{ marginTop: 8 }}>
                  <MergedFromLine records={merge.mergedFrom} />
                </div>
              )}
            </div>
            <Space>
              {merge && !mergedAway && <CheckInButton patient={patient} />}
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/patients')}>
                {t('patients.page.back')}
              </Button>
              {editable && (
                <Button
                  icon={<EditOutlined />}
                  onClick={() => navigate('edit')}
                  data-testid="patient-edit"
                >
                  {t('patients.page.edit')}
                </Button>
              )}
            </Space>
          </Flex>
          {merge?.survivor && <MergedAwayNotice patient={patient} survivor={merge.survivor} />}
          {merge && !mergedAway && (
            <PossibleDuplicates patient={patient} duplicates={merge.duplicates} />
          )}
          <Descriptions
            title={t('patients.page.details')}
            bordered
            size="small"
            column={2}
            items={items}
          />
          <PatientVisitsTimeline
            patientIds={[patient.id, ...(merge?.mergedFrom ?? []).map((p) => p.id)]}
          />
        </Flex>
      </Flex>
    </Card>
  );
};
