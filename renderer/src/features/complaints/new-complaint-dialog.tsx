import { App, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  complainantRelations,
  complaintCategories,
  complaintChannels,
  complaintSeverities,
  DESCRIPTION_MAX,
} from '../../../../shared/complaints/complaint';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { recordComplaint } from '../../db/complaints';
import type { ComplaintPolicies } from './use-complaint-policies';
import { FormModal } from '../staff/form-modal';
import {
  savedNotice,
  toComplaintInput,
  wallTimeAt,
  wallTimeRule,
  type NewComplaintValues,
} from './complaint-form';
import { PatientPicker } from './patient-picker';

const FIELDS = [
  'receivedAt',
  'channel',
  'severity',
  'category',
  'name',
  'phone',
  'relation',
  'patientId',
  'description',
] as const;

/**
 * 登记投诉: the desk fills it in under a minute, from the keyboard. The time received defaults to
 * now (Beijing time); the receiver becomes the owner; the deadlines are computed on saving.
 */
export const NewComplaintDialog = ({
  open,
  policies,
  onClose,
  afterClose,
  prefill,
  fromConsultationId,
}: {
  open: boolean;
  /** Values that replace the defaults (a consultation turned into a complaint). */
  prefill?: Partial<NewComplaintValues>;
  /** The consultation this complaint is turned from: saved with it, linking both ways. */
  fromConsultationId?: string;
  /** The policies offered, the clinic's default preselected. */
  policies: ComplaintPolicies;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const actor = useActor();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewComplaintValues>();
  const anonymous = Form.useWatch('anonymous', form);
  const { offered, preferred } = policies;
  const required = { required: true, message: t('complaints.form.required') };
  const options = <K extends string>(keys: readonly K[], group: string) =>
    keys.map((key) => ({ value: key, label: t(`complaints.${group}.${key}`) }));

  const submit = async (values: NewComplaintValues) => {
    const input = toComplaintInput(values, offered);
    const saved = await recordComplaint(
      services,
      actor,
      fromConsultationId ? { ...input, fromConsultationId } : input,
    );
    const notice = savedNotice(saved, services.clock.now());
    // A complaint received long ago is overdue the moment it is saved: a warning, not a green tick.
    void message[notice.level](
      fromConsultationId && notice.level === 'success'
        ? t('complaints.consult.turnedSaved')
        : t(`complaints.form.${notice.text}`, { due: notice.due }),
    );
  };

  return (
    <FormModal<NewComplaintValues>
      open={open}
      title={t('complaints.form.title')}
      form={form}
      fields={FIELDS}
      submitText={t('complaints.form.submit')}
      submitTestId="complaint-submit"
      width={720}
      centered
      confirmDiscard
      initialValues={{
        receivedAt: wallTimeAt(services.clock.now()),
        channel: 'phone',
        severity: 'ordinary',
        relation: 'self',
        policy: preferred.name,
        ...prefill,
      }}
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item
            name="receivedAt"
            label={t('complaints.form.receivedAt')}
            extra={t('complaints.form.receivedAtHint')}
            rules={[required, wallTimeRule(t('complaints.form.receivedAtFormat'))]}
          >
            <Input data-testid="complaint-received-at" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="channel" label={t('complaints.form.channel')} rules={[required]}>
            <Select
              options={options(complaintChannels, 'channel')}
              data-testid="complaint-channel"
            />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="severity" label={t('complaints.form.severity')} rules={[required]}>
            <Radio.Group
              optionType="button"
              options={options(complaintSeverities, 'severity')}
              data-testid="complaint-severity"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="category" label={t('complaints.form.category')} rules={[required]}>
        <Radio.Group
          options={options(complaintCategories, 'category')}
          data-testid="complaint-category"
        />
      </Form.Item>
      <Row gutter={16} align="middle">
        <Col span={8}>
          <Form.Item
            name="name"
            label={t('complaints.form.name')}
            rules={anonymous ? [] : [required]}
          >
            <Input disabled={anonymous} data-testid="complaint-name" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item
            name="phone"
            label={t('complaints.form.phone')}
            rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('complaints.form.phoneInvalid') }]}
          >
            <Input disabled={anonymous} data-testid="complaint-phone" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="relation" label={t('complaints.form.relation')}>
            <Select
              disabled={anonymous}
              options={options(complainantRelations, 'relation')}
              data-testid="complaint-relation"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="anonymous" valuePropName="checked" label=" ">
            <Checkbox data-testid="complaint-anonymous">{t('complaints.form.anonymous')}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="patientId" label={t('complaints.form.patient')}>
            <PatientPicker />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={t('complaints.form.description')} rules={[required]}>
        <Input.TextArea rows={3} maxLength={DESCRIPTION_MAX} data-testid="complaint-description" />
      </Form.Item>
      <Form.Item name="policy" label={t('complaints.form.policy')}>
        <Select
          options={offered.map((p) => ({
            value: p.name,
            label: t('complaints.policy', {
              name: p.name,
              ordinary: p.ordinaryDays,
              major: p.majorDays,
            }),
          }))}
          data-testid="complaint-policy"
        />
      </Form.Item>
    </FormModal>
  );
};
