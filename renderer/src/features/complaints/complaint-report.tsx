import { ArrowLeftOutlined, FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { addDays, today, type CalendarDate } from '../../../../shared/clock/calendar-date';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { complaintCategories, complaintChannels } from '../../../../shared/complaints/complaint';
import {
  complaintReport,
  type CauseAndMeasure,
  type ComplaintReport,
  type OpenItem,
  type ReportRange,
} from '../../../../shared/complaints/report';
import { RequirePermission } from '../../app/require-permission';
import { useServices } from '../../app/services';
import { useActor } from '../../app/use-actor';
import { readComplaintsForReport } from '../../db/complaints';
import { CountChart } from './report-chart';
import { downloadWorkbook, percent, reportWorkbook, summaryFigures } from './report-export';
import { useNow } from './use-now';
import { stateLabelKey } from './state-label';
import './report.css';

/** The first and last day of a month given as 'YYYY-MM'. */
export const monthRange = (month: string): ReportRange => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${month}-01`, to: addDays(next, -1) };
};

/** How long a computation took (ms): the bench reads it from the page. */
const timed = <T,>(compute: () => T): { report: T; ms: number } => {
  const started = performance.now();
  const report = compute();
  return { report, ms: performance.now() - started };
};

const minutes = (iso: string) => formatClinicTime(iso).slice(0, 16);
const asDate = (day: Dayjs): CalendarDate => day.format('YYYY-MM-DD');

/** /complaints/report: the monthly (or any range) complaints report, for those who handle them. */
export const ComplaintReportScreen = () => {
  const actor = useActor();
  return (
    <RequirePermission roles={actor.roles} permission="complaint.handle">
      <ReportScreen />
    </RequirePermission>
  );
};

const ReportScreen = () => {
  const { t } = useTranslation();
  const { db, clock } = useServices();
  const { message } = App.useApp();
  const actor = useActor();
  const now = useNow(clock, 60_000);
  const [month, setMonth] = useState(() => today(clock).slice(0, 7));
  const [custom, setCustom] = useState<ReportRange | undefined>(undefined);
  const [customOn, setCustomOn] = useState(false);
  const [exporting, setExporting] = useState(false);
  const range = useMemo(
    () => (customOn && custom ? custom : monthRange(month)),
    [customOn, custom, month],
  );
  const data = useLiveQuery(() => readComplaintsForReport(db, actor), [db, actor]);
  const computed = useMemo(
    () => data && timed(() => complaintReport({ ...data, range, now })),
    [data, range, now],
  );

  const exportXlsx = async () => {
    if (!computed) return;
    setExporting(true);
    try {
      const file = t('complaints.report.file', { from: range.from, to: range.to });
      await downloadWorkbook(await reportWorkbook(computed.report, t), file);
      void message.success(t('complaints.report.exported', { file }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card className="complaint-report">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Link to="/complaints" className="report-no-print">
          <ArrowLeftOutlined /> {t('complaints.report.back')}
        </Link>
        <Flex justify="space-between" align="start" gap="middle" wrap>
          <div>
            <Typography.Title level={3}>{t('complaints.report.title')}</Typography.Title>
            <Typography.Text data-testid="report-period">
              {t('complaints.report.period', range)}
            </Typography.Text>
          </div>
          <Space wrap className="report-no-print">
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => void exportXlsx()}
              loading={exporting}
              disabled={!computed}
              data-testid="report-export"
            >
              {t('complaints.report.export')}
            </Button>
            <Button
              icon={<PrinterOutlined />}
              onClick={() => window.print()}
              data-testid="report-print"
            >
              {t('complaints.report.print')}
            </Button>
          </Space>
        </Flex>
        <Space wrap size="middle" className="report-no-print">
          <label>
            <Space>
              {t('complaints.report.month')}
              <DatePicker
                picker="month"
                allowClear={false}
                value={dayjs(`${month}-01`)}
                onChange={(value: Dayjs | null) => value && setMonth(value.format('YYYY-MM'))}
                disabled={customOn}
                data-testid="report-month"
              />
            </Space>
          </label>
          <Checkbox
            checked={customOn}
            onChange={(e) => setCustomOn(e.target.checked)}
            data-testid="report-custom"
          >
            {t('complaints.report.custom')}
          </Checkbox>
          {customOn && (
            <DatePicker.RangePicker
              aria-label={t('complaints.report.range')}
              value={custom ? [dayjs(custom.from), dayjs(custom.to)] : null}
              onChange={(values) => {
                const [from, to] = values ?? [];
                setCustom(from && to ? { from: asDate(from), to: asDate(to) } : undefined);
              }}
              data-testid="report-range"
            />
          )}
        </Space>
        {computed && <ReportBody report={computed.report} computeMs={computed.ms} />}
      </Space>
    </Card>
  );
};

const ReportBody = ({ report, computeMs }: { report: ComplaintReport; computeMs: number }) => {
  const { t } = useTranslation();
  const figures = summaryFigures(report, t);
  const channelItems = useMemo(
    () =>
      complaintChannels
        .map((key) => ({ key, name: t(`complaints.channel.${key}`), count: report.byChannel[key] }))
        .sort((a, b) => b.count - a.count),
    [report, t],
  );
  const categoryItems = useMemo(
    () =>
      complaintCategories
        .map((key) => ({
          key,
          name: t(`complaints.category.${key}`),
          count: report.byCategory[key],
        }))
        .sort((a, b) => b.count - a.count),
    [report, t],
  );
  const empty = report.received === 0;

  return (
    <div data-testid="report-body" data-compute-ms={computeMs.toFixed(1)}>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          {figures.map((figure) => (
            <Col key={figure.key} xs={12} md={8} xl={6} xxl={4}>
              <Card size="small" data-testid={`report-figure-${figure.key}`}>
                <Statistic title={figure.label} value={figure.value} />
              </Card>
            </Col>
          ))}
        </Row>
        <Typography.Text type="secondary">
          {t('complaints.report.rateHint')} ·{' '}
          {t('complaints.report.asOf', { at: minutes(new Date(report.asOf).toISOString()) })}
        </Typography.Text>
        {empty ? (
          <Alert
            type="info"
            showIcon
            title={t('complaints.report.empty', report.range)}
            data-testid="report-empty"
          />
        ) : (
          <Row gutter={[24, 24]}>
            <CountSection
              title={t('complaints.report.byChannel')}
              column={t('complaints.report.columns.channel')}
              items={channelItems}
              received={report.received}
              testId="report-by-channel"
            />
            <CountSection
              title={t('complaints.report.byCategory')}
              column={t('complaints.report.columns.category')}
              items={categoryItems}
              received={report.received}
              testId="report-by-category"
            />
          </Row>
        )}
        {report.consultations.count > 0 && (
          <section data-testid="report-by-topic">
            <Typography.Title level={4}>{t('complaints.report.byTopic')}</Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="topic"
              dataSource={report.consultations.byTopic}
              columns={[
                {
                  key: 'topic',
                  title: t('complaints.report.columns.topic'),
                  render: (_, row) => t(`complaints.consult.topics.${row.topic}`),
                },
                { key: 'count', dataIndex: 'count', title: t('complaints.report.columns.count') },
              ]}
            />
          </section>
        )}
        <OpenList items={report.open} />
        <CauseList items={report.causes} />
      </Space>
    </div>
  );
};

const CountSection = ({
  title,
  column,
  items,
  received,
  testId,
}: {
  title: string;
  column: string;
  items: { key: string; name: string; count: number }[];
  received: number;
  testId: string;
}) => {
  const { t } = useTranslation();
  const drawn = useMemo(() => items.filter((item) => item.count > 0), [items]);
  return (
    <Col xs={24} xl={12} className="report-section">
      <Typography.Title level={4}>{title}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={items}
        data-testid={testId}
        onRow={(item) => ({ 'data-testid': `${testId}-${item.key}` }) as object}
        columns={[
          { key: 'name', dataIndex: 'name', title: column },
          {
            key: 'count',
            dataIndex: 'count',
            title: t('complaints.report.columns.count'),
            align: 'right',
          },
          {
            key: 'share',
            title: t('complaints.report.columns.share'),
            align: 'right',
            render: (_, item) => percent(item.count, received),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t('complaints.report.total')}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {received}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {percent(received, received)}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <CountChart items={drawn} label={title} testId={`${testId}-chart`} />
    </Col>
  );
};

const OpenList = ({ items }: { items: OpenItem[] }) => {
  const { t } = useTranslation();
  const columns: ColumnsType<OpenItem> = [
    {
      key: 'received',
      title: t('complaints.report.columns.received'),
      render: (_, item) => <Link to={`/complaints/${item.id}`}>{minutes(item.receivedAt)}</Link>,
    },
    {
      key: 'channel',
      title: t('complaints.report.columns.channel'),
      render: (_, i) => t(`complaints.channel.${i.channel}`),
    },
    {
      key: 'category',
      title: t('complaints.report.columns.category'),
      render: (_, i) => t(`complaints.category.${i.category}`),
    },
    {
      key: 'severity',
      title: t('complaints.report.columns.severity'),
      render: (_, i) => t(`complaints.severity.${i.severity}`),
    },
    {
      key: 'state',
      title: t('complaints.report.columns.state'),
      render: (_, i) => t(stateLabelKey(i.state, i.anonymous)),
    },
    { key: 'due', title: t('complaints.report.columns.due'), dataIndex: 'resolutionDue' },
    {
      key: 'overdue',
      title: t('complaints.report.columns.overdue'),
      render: (_, i) =>
        i.overdue ? (
          <Tag color="red">{t('complaints.report.overdueTag')}</Tag>
        ) : (
          t('complaints.report.no')
        ),
    },
  ];
  return (
    <section>
      <Typography.Title level={4}>{t('complaints.report.openList')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        dataSource={items}
        columns={columns}
        data-testid="report-open"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('complaints.report.noneOpen') }}
      />
    </section>
  );
};

const CauseList = ({ items }: { items: CauseAndMeasure[] }) => {
  const { t } = useTranslation();
  const columns: ColumnsType<CauseAndMeasure> = [
    {
      key: 'received',
      title: t('complaints.report.columns.received'),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, item) => minutes(item.receivedAt),
    },
    {
      key: 'category',
      title: t('complaints.report.columns.category'),
      render: (_, i) => t(`complaints.category.${i.category}`),
    },
    { key: 'cause', title: t('complaints.report.columns.cause'), dataIndex: 'cause' },
    { key: 'measure', title: t('complaints.report.columns.measure'), dataIndex: 'measure' },
  ];
  return (
    <section>
      <Typography.Title level={4}>{t('complaints.report.causes')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        dataSource={items}
        columns={columns}
        data-testid="report-causes"
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('complaints.report.noCauses') }}
      />
    </section>
  );
};
