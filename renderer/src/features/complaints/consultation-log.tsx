import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type InputRef,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplaintCategory } from '../../../../shared/complaints/complaint';
import {
  ANSWER_MAX,
  complaintChannelOf,
  consultationChannels,
  consultationTopics,
  QUESTION_MAX,
  type ConsultationChannel,
  type ConsultationTopic,
} from '../../../../shared/complaints/consultation';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { complaintPeople } from '../../db/complaints';
import {
  listConsultations,
  recordConsultation,
  type ConsultationRow,
} from '../../db/consultations';
import { placeFailure } from '../staff/form-failure';
import { instantOfWallTime, wallTimeAt, wallTimeRule } from './complaint-form';
import { ComplaintsTabs } from './complaints-tabs';
import { NewComplaintDialog } from './new-complaint-dialog';
import { useComplaintPolicies } from './use-complaint-policies';

type Values = {
  at: string;
  /** Chosen, never assumed: an untouched default would skew the monthly counts by topic. */
  topic?: ConsultationTopic;
  channel: ConsultationChannel;
  question: string;
  answer?: string;
};

const FIELDS = ['at', 'topic', 'channel', 'question', 'answer'] as const;

/** The complaint category a topic suggests when a consultation turns out to be a complaint. */
const CATEGORY_OF: Partial<Record<ConsultationTopic, ComplaintCategory>> = {
  'insurance-policy': 'insurance-billing',
  fees: 'insurance-billing',
  'self-pay': 'self-pay-consent',
};

const minutes = (iso: string) => formatClinicTime(iso).slice(0, 16);

const rowProps = (row: ConsultationRow) =>
  ({ 'data-testid': `consultation-row-${row.id}` }) as HTMLAttributes<HTMLElement>;

/**
 * 咨询: the desk logs a question in ten seconds — the question box has the focus, Enter records,
 * the time is now and the topic (chosen for the first one) and channel keep their last values for
 * the next one. Below, the
 * recent consultations, each of which can be turned into a complaint once.
 */
export const ConsultationLog = () => {
  const { t } = useTranslation();
  const services = useServices();
  const { db, clock } = services;
  const actor = useActor();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const question = useRef<InputRef>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const rows = useLiveQuery(() => listConsultations(db, actor), [db, actor]);
  const people = useLiveQuery(() => complaintPeople(db, actor), [db, actor]) ?? [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  const policies = useComplaintPolicies();
  const [turning, setTurning] = useState<ConsultationRow>();
  const [open, setOpen] = useState(false);

  const finish = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const answer = values.answer?.trim();
      await recordConsultation(services, actor, {
        at: instantOfWallTime(values.at) ?? values.at,
        topic: values.topic as ConsultationTopic,
        channel: values.channel,
        question: values.question ?? '',
        ...(answer ? { answer } : {}),
      });
      void message.success(t('complaints.consult.saved'));
      form.setFieldsValue({ at: wallTimeAt(clock.now()), question: '', answer: '' });
      question.current?.focus();
    } catch (error) {
      const placed = placeFailure(t, error, FIELDS);
      if (placed.field) form.setFields([{ name: placed.field as never, errors: [placed.message] }]);
      else setFailure(placed.message);
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<ConsultationRow> = [
    {
      key: 'at',
      title: t('complaints.consult.at'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, row) => minutes(row.at),
    },
    {
      key: 'topic',
      title: t('complaints.consult.topic'),
      render: (_, row) => t(`complaints.consult.topics.${row.topic}`),
    },
    {
      key: 'channel',
      title: t('complaints.consult.channel'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, row) => t(`complaints.consult.channels.${row.channel}`),
    },
    { key: 'question', title: t('complaints.consult.question'), dataIndex: 'question' },
    {
      key: 'answer',
      title: t('complaints.consult.answer'),
      render: (_, row) => row.answer ?? t('complaints.nobody'),
    },
    {
      key: 'by',
      title: t('complaints.consult.by'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      // Who wrote it down answered only when an answer was written.
      render: (_, row) => (row.answer ? names.get(row.by) : undefined) ?? t('complaints.nobody'),
    },
    {
      key: 'complaint',
      title: t('complaints.consult.complaint'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, row) =>
        row.complaintId ? (
          <Link to={`/complaints/${row.complaintId}`} data-testid="consultation-complaint">
            <Tag color="orange">{t('complaints.consult.turned')}</Tag>
          </Link>
        ) : (
          <Button
            size="small"
            onClick={() => {
              setTurning(row);
              setOpen(true);
            }}
            data-testid="consultation-turn"
          >
            {t('complaints.consult.turn')}
          </Button>
        ),
    },
  ];

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <ComplaintsTabs value="consultations" />
        <div>
          <Typography.Title level={3}>{t('complaints.consult.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('complaints.consult.intro')}
          </Typography.Paragraph>
        </div>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={finish}
          initialValues={{
            at: wallTimeAt(clock.now()),
            channel: 'in-person',
          }}
          data-testid="consultation-form"
        >
          <Row gutter={16}>
            <Col span={5}>
              <Form.Item
                name="at"
                label={t('complaints.consult.at')}
                extra={t('complaints.consult.atHint')}
                rules={[
                  { required: true, message: t('complaints.consult.atFormat') },
                  wallTimeRule(t('complaints.consult.atFormat')),
                ]}
              >
                <Input data-testid="consultation-at" autoComplete="off" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="channel" label={t('complaints.consult.channel')}>
                <Radio.Group
                  optionType="button"
                  options={consultationChannels.map((c) => ({
                    value: c,
                    label: t(`complaints.consult.channels.${c}`),
                  }))}
                  data-testid="consultation-channel"
                />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item
                name="topic"
                label={t('complaints.consult.topic')}
                rules={[{ required: true, message: t('complaints.consult.topicRequired') }]}
              >
                <Select
                  placeholder={t('complaints.consult.topicPlaceholder')}
                  options={consultationTopics.map((topic) => ({
                    value: topic,
                    label: t(`complaints.consult.topics.${topic}`),
                  }))}
                  data-testid="consultation-topic"
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16} align="top">
            <Col span={10}>
              <Form.Item
                name="question"
                label={t('complaints.consult.question')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    message: t('complaints.consult.questionRequired'),
                  },
                ]}
              >
                <Input
                  ref={question}
                  autoFocus
                  maxLength={QUESTION_MAX}
                  placeholder={t('complaints.consult.questionPlaceholder')}
                  data-testid="consultation-question"
                  autoComplete="off"
                />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="answer" label={t('complaints.consult.answer')}>
                <Input
                  maxLength={ANSWER_MAX}
                  placeholder={t('complaints.consult.answerPlaceholder')}
                  data-testid="consultation-answer"
                  autoComplete="off"
                />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label=" ">
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={busy}
                  block
                  data-testid="consultation-submit"
                >
                  {t('complaints.consult.submit')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
          {failure && <Alert type="error" showIcon title={failure} />}
        </Form>
        <Typography.Title level={4}>{t('complaints.consult.recent')}</Typography.Title>
        <Table<ConsultationRow>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={rows === undefined}
          onRow={rowProps}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('complaints.consult.empty') }}
          data-testid="consultation-table"
        />
      </Space>
      {turning && (
        <NewComplaintDialog
          open={open}
          policies={policies}
          fromConsultationId={turning.id}
          prefill={{
            receivedAt: wallTimeAt(Date.parse(turning.at)),
            channel: complaintChannelOf(turning.channel),
            description: turning.question,
            ...(CATEGORY_OF[turning.topic] ? { category: CATEGORY_OF[turning.topic] } : {}),
          }}
          onClose={() => setOpen(false)}
          afterClose={() => setTurning(undefined)}
        />
      )}
    </Card>
  );
};
