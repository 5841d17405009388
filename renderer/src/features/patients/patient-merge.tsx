import { MergeCellsOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { maskIdNumber, maskPhone } from '../../../../shared/patients/display';
import { MERGE_REASON_MAX } from '../../../../shared/patients/merge';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { useActor } from '../../app/use-actor';
import { mergedFrom, mergePatients, survivingPatient } from '../../db/patient-merge';
import { findDuplicates, type PossibleDuplicate } from '../../db/patients';
import { actorOf } from '../../db/staff';
import { lastVisitDates } from '../../db/visits';
import { FormModal } from '../staff/form-modal';
import { useStaffNames } from '../visits/use-staff-names';

/** Where a patient stands among the records of one person, followed live (another PC may merge). */
export type MergeState = {
  /** The record this one was merged into; undefined while it stands for itself. */
  survivor: Patient | undefined;
  /** Records merged into this one: their visits show on this page. */
  mergedFrom: Patient[];
  /** Standing records that look like this one (same ID, card, or name and birth date). */
  duplicates: PossibleDuplicate[];
};

export const useMergeState = (patient: Patient): MergeState | undefined => {
  const { db } = useServices();
  const actor = useActor();
  return useLiveQuery(async () => {
    const survivor = await survivingPatient(db, patient);
    if (survivor.id !== patient.id) return { survivor, mergedFrom: [], duplicates: [] };
    const [from, duplicates] = await Promise.all([
      mergedFrom(db, patient.id),
      findDuplicates(db, actor, patient, patient.id),
    ]);
    return { survivor: undefined, mergedFrom: from, duplicates };
  }, [db, actor, patient]);
};

/** On a merged-away record: where the person's record is now, who merged it, when and why. */
export const MergedAwayNotice = ({
  patient,
  survivor,
}: {
  patient: Patient;
  survivor: Patient;
}) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const staffName = useStaffNames();
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="merged-away"
      title={t('patients.merge.mergedTitle')}
      description={t('patients.merge.mergedBody', {
        time: patient.mergedAt ? formatClinicTime(patient.mergedAt) : '',
        by: staffName(patient.mergedBy),
        name: survivor.name,
        reason: patient.mergeReason ?? '',
      })}
      action={
        <Button
          type="primary"
          onClick={() => navigate(`/patients/${survivor.id}`)}
          data-testid="open-survivor"
        >
          {t('patients.merge.openSurvivor')}
        </Button>
      }
    />
  );
};

/** The records merged into this one, each a link: their history is part of this page. */
export const MergedFromLine = ({ records }: { records: readonly Patient[] }) => {
  const { t } = useTranslation();
  if (records.length === 0) return null;
  return (
    <Typography.Text type="secondary" data-testid="merged-from">
      {t('patients.merge.mergedFrom')}
      {records.map((record, index) => (
        <span key={record.id}>
          {index > 0 && '、'}
          <Link to={`/patients/${record.id}`}>
            {t('patients.merge.mergedFromEntry', {
              name: record.name,
              date: formatClinicTime(record.createdAt).slice(0, 10),
            })}
          </Link>
        </span>
      ))}
    </Typography.Text>
  );
};

/**
 * Records that may be this same person, on the patient's page. The insurance officer and the owner
 * can merge one into the other; everyone else is told who can.
 */
export const PossibleDuplicates = ({
  patient,
  duplicates,
}: {
  patient: Patient;
  duplicates: readonly PossibleDuplicate[];
}) => {
  const { t } = useTranslation();
  const me = useSession((state) => state.staff)!;
  const [merging, setMerging] = useState<{ other: Patient; open: boolean }>();
  if (duplicates.length === 0) return null;
  const mayMerge = can(me.roles, 'patient.merge');
  return (
    <>
      <Alert
        type="warning"
        showIcon
        data-testid="possible-duplicates"
        title={t('patients.merge.cardTitle')}
        description={
          <Flex vertical gap="small">
            <Typography.Text>
              {t(mayMerge ? 'patients.merge.cardBody' : 'patients.merge.onlyOfficer')}
            </Typography.Text>
            {duplicates.map(({ patient: other, matches }) => (
              <Flex key={other.id} gap="middle" align="center" wrap data-testid="duplicate-row">
                <Link to={`/patients/${other.id}`}>
                  <Typography.Text strong>{other.name}</Typography.Text>
                </Link>
                <span>{other.birthDate}</span>
                <span className="patient-mono">{maskIdNumber(other.idNumber)}</span>
                {other.phone && <span className="patient-mono">{maskPhone(other.phone)}</span>}
                <Space size={4} wrap>
                  {matches.map((match) => (
                    <Tag color="orange" key={match}>
                      {t(`patients.duplicates.matches.${match}`)}
                    </Tag>
                  ))}
                </Space>
                {mayMerge && (
                  <Button
                    size="small"
                    icon={<MergeCellsOutlined />}
                    onClick={() => setMerging({ other, open: true })}
                    data-testid="merge-open"
                  >
                    {t('patients.merge.action')}
                  </Button>
                )}
              </Flex>
            ))}
          </Flex>
        }
      />
      {merging && (
        <MergeDialog
          open={merging.open}
          patient={patient}
          other={merging.other}
          onClose={() => setMerging((m) => m && { ...m, open: false })}
          afterClose={() => setMerging(undefined)}
        />
      )}
    </>
  );
};

type MergeValues = { keepId: string; reason: string };

/** One of the two records, as the choice of which to keep: what tells them apart. */
const RecordChoice = ({
  record,
  lastVisit,
}: {
  record: Patient;
  lastVisit: string | undefined;
}) => {
  const { t } = useTranslation();
  return (
    <Flex vertical data-testid={`merge-keep-${record.id}`}>
      <Typography.Text strong>{record.name}</Typography.Text>
      <Typography.Text type="secondary">
        {[
          maskIdNumber(record.idNumber),
          record.phone && maskPhone(record.phone),
          t('patients.merge.registered', { time: formatClinicTime(record.createdAt) }),
          lastVisit
            ? t('patients.duplicates.lastVisit', { date: lastVisit })
            : t('patients.duplicates.noVisit'),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
    </Flex>
  );
};

/**
 * Which of two records of one person to keep, and why they are one person. The older record is
 * proposed; after the merge the page shows the record kept.
 */
const MergeDialog = ({
  open,
  patient,
  other,
  onClose,
  afterClose,
}: {
  open: boolean;
  patient: Patient;
  other: Patient;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useSession((state) => state.staff)!;
  const [form] = Form.useForm<MergeValues>();
  const pair = [patient, other].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const lastVisits = useLiveQuery(
    () => lastVisitDates(services.db, actorOf(me), [patient.id, other.id]),
    [services.db, me, patient.id, other.id],
  );

  const submit = async ({ keepId, reason }: MergeValues) => {
    const mergeId = keepId === patient.id ? other.id : patient.id;
    await mergePatients(services, actorOf(me), { keepId, mergeId, reason });
    const kept = pair.find((p) => p.id === keepId)!;
    void message.success(t('patients.merge.done', { name: kept.name }));
    if (keepId !== patient.id) navigate(`/patients/${keepId}`);
  };

  return (
    <FormModal<MergeValues>
      open={open}
      title={t('patients.merge.title')}
      form={form}
      fields={['reason', 'keepId']}
      initialValues={{ keepId: pair[0]!.id }}
      submitText={t('patients.merge.confirm')}
      submitTestId="merge-confirm"
      danger
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Typography.Paragraph>{t('patients.merge.body')}</Typography.Paragraph>
      <Form.Item name="keepId" label={t('patients.merge.keep')}>
        <Radio.Group>
          <Flex vertical gap="small">
            {pair.map((record) => (
              <Radio key={record.id} value={record.id}>
                <RecordChoice record={record} lastVisit={lastVisits?.get(record.id)} />
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('patients.merge.reason')}
        rules={[{ required: true, whitespace: true, message: t('errors.merge-reason-required') }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={MERGE_REASON_MAX}
          placeholder={t('patients.merge.reasonPlaceholder')}
          data-testid="merge-reason"
        />
      </Form.Item>
    </FormModal>
  );
};
