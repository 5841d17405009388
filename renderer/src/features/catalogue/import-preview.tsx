import { Alert, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { CatalogueEntry } from '../../../../shared/catalogue/catalogue';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { useItemColumns } from './item-columns';
import { problemSentence } from './problem-sentence';
import type { LoadedFile } from './use-import-file';

/** Enough rows to see that the columns were understood; the count says how many there are. */
const PREVIEW_ROWS = 100;

type PreviewRow = CatalogueEntry & { line: number };

/** What the file holds, before anything is saved: counts, every problem, the parsed rows. */
export const ImportPreview = ({ file }: { file: LoadedFile }) => {
  const { t } = useTranslation();
  const itemColumns = useItemColumns<PreviewRow>();
  const { parse } = file;
  const columns: ColumnsType<PreviewRow> = [
    { key: 'line', title: t('catalogue.columns.line'), dataIndex: 'line', width: 60 },
    ...itemColumns,
  ];
  const rows = parse.entries
    .slice(0, PREVIEW_ROWS)
    .map((entry, i): PreviewRow => ({ ...entry, line: parse.lines[i]! }));

  return (
    <Flex vertical gap="middle">
      <Typography.Text data-testid="import-summary">
        {t('catalogue.dialog.summary', {
          file: file.fileName,
          encoding: t(`catalogue.dialog.encoding.${file.encoding}`),
          rows: parse.rowCount,
          ok: parse.entries.length,
        })}
      </Typography.Text>
      {file.earlier.map((version) => (
        <Alert
          key={version.id}
          type="warning"
          showIcon
          data-testid="import-same-file"
          title={t('catalogue.dialog.sameFile', {
            date: formatClinicTime(version.createdAt).slice(0, 10),
            effectiveFrom: version.effectiveFrom,
          })}
        />
      ))}
      {parse.errorCount > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="import-errors"
          title={t('catalogue.dialog.errorsTitle', { count: parse.errorCount })}
          description={
            <ul className="catalogue-errors">
              {parse.errors.map((error, i) => (
                <li key={i} data-testid="import-error">
                  {problemSentence(t, error)}
                </li>
              ))}
              {parse.errorCount > parse.errors.length && (
                <li>
                  {t('catalogue.dialog.errorsMore', {
                    shown: parse.errors.length,
                    count: parse.errorCount,
                  })}
                </li>
              )}
            </ul>
          }
        />
      )}
      {rows.length > 0 && (
        <Table<PreviewRow>
          rowKey="line"
          size="small"
          title={() => t('catalogue.dialog.previewTitle', { count: rows.length })}
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: 8, showSizeChanger: false, hideOnSinglePage: true }}
          data-testid="import-preview"
        />
      )}
    </Flex>
  );
};
