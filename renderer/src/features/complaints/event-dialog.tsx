import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Upload, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  contactMethods,
  satisfactions,
  type ComplaintEventFacts,
  type ComplaintEventKind,
} from '../../../../shared/complaints/complaint-event';
import { EVENT_TEXT_MAX } from '../../../../shared/complaints/complaint';
import {
  COMPLAINT_FILE_TYPES,
  complaintFileProblem,
  MAX_COMPLAINT_FILES,
} from '../../../../shared/attachments/attachment';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { addComplaintEvent, type ComplaintPerson } from '../../db/complaints';
import { FormModal } from '../staff/form-modal';
import { instantOfWallTime, wallTimeAt, wallTimeRule } from './complaint-form';

type EventValues = {
  how?: string;
  contactedAt?: string;
  note?: string;
  text?: string;
  to?: string;
  feedback?: string;
  satisfaction?: string;
  cause?: string;
  measure?: string;
  reason?: string;
  /** Files picked to go with the step (kept on this PC; nothing is uploaded anywhere). */
  files?: UploadFile[];
};

/** The fields each kind of event asks for, in the order they are typed. */
const FIELDS: Record<ComplaintEventKind, (keyof EventValues)[]> = {
  contacted: ['how', 'contactedAt', 'note'],
  note: ['text'],
  assigned: ['to'],
  escalated: ['note'],
  'response-sent': ['how', 'text'],
  resolved: ['text'],
  closed: ['feedback', 'satisfaction', 'cause', 'measure'],
  reopened: ['reason'],
};

/** Optional fields; the note is required when escalating (the group must know why). */
const optional = (kind: ComplaintEventKind, field: keyof EventValues) =>
  field === 'note' && kind !== 'escalated';

const trimmed = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);

/** The facts the repository takes, from the form (empty optional text left out). */
const factsOf = (kind: ComplaintEventKind, v: EventValues): ComplaintEventFacts => {
  const note = trimmed(v.note);
  switch (kind) {
    case 'contacted':
      return {
        kind,
        how: v.how as never,
        contactedAt: instantOfWallTime(v.contactedAt ?? '') ?? v.contactedAt ?? '',
        ...(note ? { note } : {}),
      };
    case 'escalated':
      return { kind, ...(note ? { note } : {}) };
    case 'assigned':
      return { kind, to: v.to ?? '' };
    case 'closed':
      return {
        kind,
        feedback: v.feedback ?? '',
        satisfaction: v.satisfaction as never,
        cause: v.cause ?? '',
        measure: v.measure ?? '',
      };
    case 'reopened':
      return { kind, reason: v.reason ?? '' };
    case 'response-sent':
      return { kind, how: v.how as never, text: v.text ?? '' };
    default:
      return { kind, text: v.text ?? '' };
  }
};

/** One step on a complaint's timeline: a small form, Enter saves. */
export const EventDialog = ({
  complaintId,
  anonymous = false,
  kind,
  people,
  open,
  onClose,
  afterClose,
}: {
  complaintId: string;
  /** Nobody to give feedback to: closing starts from "unreachable". */
  anonymous?: boolean;
  kind: ComplaintEventKind;
  people: readonly ComplaintPerson[];
  open: boolean;
  onClose: () => void;
  afterClose: () => void;
}) => {
  const { t } = useTranslation();
  const services = useServices();
  const actor = useActor();
  const { message } = App.useApp();
  const [form] = Form.useForm<EventValues>();
  const fields = FIELDS[kind];

  // A file refused as it is picked says why at once, and is not added to the list.
  const refuse = (name: string, reason: 'complaint-file-invalid' | 'complaint-file-too-many') =>
    form.setFields([
      {
        name: 'files',
        errors: [t(`errors.${reason}`, { name, max: MAX_COMPLAINT_FILES })],
      },
    ]);

  const submit = async (values: EventValues) => {
    const files = (values.files ?? []).flatMap((file) =>
      file.originFileObj ? [{ name: file.name, blob: file.originFileObj as Blob }] : [],
    );
    await addComplaintEvent(services, actor, complaintId, factsOf(kind, values), files);
    void message.success(t('complaints.stepSaved', { step: t(`complaints.events.${kind}`) }));
  };

  const rules = (field: keyof EventValues) => [
    ...(optional(kind, field)
      ? []
      : [
          {
            required: true,
            whitespace: true,
            message:
              kind === 'escalated'
                ? t('errors.complaint-escalate-note')
                : t('complaints.form.required'),
          },
        ]),
    ...(field === 'contactedAt' ? [wallTimeRule(t('complaints.form.receivedAtFormat'))] : []),
  ];

  const control = (field: keyof EventValues) => {
    const testId = `event-${field}`;
    switch (field) {
      case 'how':
        return (
          <Select
            data-testid={testId}
            options={contactMethods.map((m) => ({
              value: m,
              label: t(`complaints.contactMethod.${m}`),
            }))}
          />
        );
      case 'satisfaction':
        return (
          <Select
            data-testid={testId}
            options={satisfactions.map((s) => ({
              value: s,
              label: t(`complaints.satisfaction.${s}`),
            }))}
          />
        );
      case 'to':
        return (
          <Select
            data-testid={testId}
            showSearch={{ optionFilterProp: 'label' }}
            options={people.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
          />
        );
      case 'contactedAt':
        return <Input data-testid={testId} autoComplete="off" />;
      default:
        return <Input.TextArea data-testid={testId} rows={2} maxLength={EVENT_TEXT_MAX} />;
    }
  };

  return (
    <FormModal<EventValues>
      open={open}
      title={t(`complaints.actions.${kind}`)}
      form={form}
      fields={[...fields, 'files']}
      submitText={t(`complaints.actions.${kind}`)}
      submitTestId="event-submit"
      danger={kind === 'reopened'}
      confirmDiscard
      initialValues={{
        how: 'phone',
        contactedAt: wallTimeAt(services.clock.now()),
        ...(anonymous && kind === 'closed'
          ? {
              satisfaction: 'unreachable',
              feedback: t('complaints.detail.anonymousFeedback'),
            }
          : {}),
      }}
      onSubmit={submit}
      onClose={onClose}
      afterClose={afterClose}
    >
      {fields.map((field) => (
        <Form.Item
          key={field}
          name={field}
          label={t(`complaints.fields.${field}`)}
          rules={rules(field)}
        >
          {control(field)}
        </Form.Item>
      ))}
      <Form.Item
        name="files"
        label={t('complaints.files.label')}
        extra={t('complaints.files.hint')}
        valuePropName="fileList"
        getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList}
      >
        <Upload
          multiple
          accept={[...COMPLAINT_FILE_TYPES, '.pdf'].join(',')}
          beforeUpload={(file, picked) => {
            const problem = complaintFileProblem(file);
            if (problem) {
              refuse(file.name, 'complaint-file-invalid');
              return Upload.LIST_IGNORE;
            }
            const count = (form.getFieldValue('files') as UploadFile[] | undefined)?.length ?? 0;
            if (count + picked.indexOf(file) + 1 > MAX_COMPLAINT_FILES) {
              refuse(file.name, 'complaint-file-too-many');
              return Upload.LIST_IGNORE;
            }
            form.setFields([{ name: 'files', errors: [] }]);
            // Kept in the list, never sent anywhere: the step's save writes the bytes locally.
            return false;
          }}
          data-testid="event-files"
        >
          <Button icon={<PaperClipOutlined />} data-testid="event-attach">
            {t('complaints.files.add')}
          </Button>
        </Upload>
      </Form.Item>
    </FormModal>
  );
};
