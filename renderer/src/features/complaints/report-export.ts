import type { TFunction } from 'i18next';
import type { Workbook } from 'exceljs';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { complaintCategories, complaintChannels } from '../../../../shared/complaints/complaint';
import type { ComplaintReport } from '../../../../shared/complaints/report';
import { stateLabelKey } from './state-label';

/** A share of the received complaints as the sheets and tables show it ("25.0%"). */
export const percent = (part: number, whole: number): string =>
  whole === 0 ? '—' : `${((part / whole) * 100).toFixed(1)}%`;

export const hours = (value: number | null): number | null =>
  value === null ? null : Math.round(value * 10) / 10;

/**
 * The report's summary figures, in the order the screen and the summary sheet show them: the
 * text shown, and for a spreadsheet the number itself where there is one (counts; the rate as a
 * fraction, formatted as a percentage there).
 */
export const summaryFigures = (report: ComplaintReport, t: TFunction) => {
  const h = (value: number | null) =>
    value === null
      ? t('complaints.report.none')
      : t('complaints.report.hours', { value: hours(value) });
  const count = (key: string, n: number) => ({ key, value: String(n), cell: n as number | string });
  return [
    count('received', report.received),
    count('closed', report.closed),
    count('closedWithinDeadline', report.closedWithinDeadline),
    {
      key: 'handlingRate',
      value: percent(report.closedWithinDeadline, report.received),
      cell: report.handlingRate ?? t('complaints.report.none'),
      percent: true,
    },
    { key: 'medianFirstContact', ...text(h(report.medianHoursToFirstContact)) },
    { key: 'medianResolution', ...text(h(report.medianHoursToResolution)) },
    count('open', report.open.length),
    count('overdue', report.overdue),
    count('consultations', report.consultations.count),
  ].map((figure) => ({ ...figure, label: t(`complaints.report.figures.${figure.key}`) }));
};

const text = (value: string) => ({ value, cell: value as number | string });

/**
 * The report as a workbook: summary, by channel, by category, consultations by topic, the
 * complaints list, causes and measures; headers in the UI language. exceljs is loaded only here, on the first export.
 */
export const reportWorkbook = async (report: ComplaintReport, t: TFunction): Promise<Workbook> => {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ClinicDesk';
  const col = (key: string) => t(`complaints.report.columns.${key}`);
  const yesNo = (value: boolean) => t(value ? 'complaints.report.yes' : 'complaints.report.no');
  const sheet = (name: string, headers: string[], widths: number[]) => {
    const ws = workbook.addWorksheet(t(`complaints.report.sheets.${name}`));
    ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 14 }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };

  const summary = sheet('summary', [col('figure'), col('value')], [30, 30]);
  summary.addRow([
    t('complaints.report.range'),
    t('complaints.report.period', { from: report.range.from, to: report.range.to }),
  ]);
  for (const figure of summaryFigures(report, t)) {
    const row = summary.addRow([figure.label, figure.cell]);
    if ('percent' in figure && typeof figure.cell === 'number') row.getCell(2).numFmt = '0.0%';
  }

  const counts = (name: string, keys: readonly string[], counts: Record<string, number>) => {
    const ws = sheet(
      name,
      [col(name === 'byChannel' ? 'channel' : 'category'), col('count'), col('share')],
      [24, 10, 10],
    );
    for (const key of keys) {
      const label = t(`complaints.${name === 'byChannel' ? 'channel' : 'category'}.${key}`);
      ws.addRow([label, counts[key] ?? 0, percent(counts[key] ?? 0, report.received)]);
    }
    ws.addRow([
      t('complaints.report.total'),
      report.received,
      percent(report.received, report.received),
    ]);
  };
  counts('byChannel', complaintChannels, report.byChannel);
  counts('byCategory', complaintCategories, report.byCategory);
  const topics = sheet('byTopic', [col('topic'), col('count')], [24, 10]);
  for (const { topic, count } of report.consultations.byTopic)
    topics.addRow([t(`complaints.consult.topics.${topic}`), count]);
  topics.addRow([t('complaints.report.total'), report.consultations.count]);

  const list = sheet(
    'list',
    ['received', 'channel', 'category', 'severity', 'state', 'due', 'closed', 'withinDeadline'].map(
      col,
    ),
    [20, 14, 16, 8, 10, 12, 20, 10],
  );
  for (const row of report.rows)
    list.addRow([
      formatClinicTime(row.receivedAt),
      t(`complaints.channel.${row.channel}`),
      t(`complaints.category.${row.category}`),
      t(`complaints.severity.${row.severity}`),
      t(stateLabelKey(row.state, row.anonymous)),
      row.resolutionDue,
      row.closedAt ? formatClinicTime(row.closedAt) : '',
      row.deadline === 'pending' ? t('complaints.report.pending') : yesNo(row.deadline === 'met'),
    ]);

  const causes = sheet(
    'causes',
    ['received', 'category', 'closed', 'cause', 'measure'].map(col),
    [20, 16, 20, 40, 40],
  );
  for (const item of report.causes)
    causes.addRow([
      formatClinicTime(item.receivedAt),
      t(`complaints.category.${item.category}`),
      formatClinicTime(item.closedAt),
      item.cause,
      item.measure,
    ]);
  return workbook;
};

/** Saves the workbook through the browser's download (works the same in Electron). */
export const downloadWorkbook = async (workbook: Workbook, fileName: string): Promise<void> => {
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};
