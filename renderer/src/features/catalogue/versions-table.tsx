import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { versionInForce, type CatalogueVersion } from '../../../../shared/catalogue/catalogue';
import type { CalendarDate } from '../../../../shared/clock/calendar-date';
import { formatClinicTime } from '../../../../shared/clock/clinic-time';
import { useStaffNames } from '../visits/use-staff-names';

export type VersionStatus = 'inForce' | 'upcoming' | 'replaced';

export const versionStatus = (
  version: CatalogueVersion,
  inForce: CatalogueVersion | undefined,
  today: CalendarDate,
): VersionStatus =>
  version.id === inForce?.id ? 'inForce' : version.effectiveFrom > today ? 'upcoming' : 'replaced';

const STATUS_COLORS: Record<VersionStatus, string> = {
  inForce: 'green',
  upcoming: 'blue',
  replaced: 'default',
};

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (version: CatalogueVersion) =>
  ({ 'data-testid': `catalogue-version-${version.effectiveFrom}` }) as HTMLAttributes<HTMLElement>;

/** Every import, newest first; a click shows that version's items below. */
export const VersionsTable = ({
  versions,
  today,
  selectedId,
  onSelect,
}: {
  versions: CatalogueVersion[];
  today: CalendarDate;
  selectedId: string | undefined;
  onSelect: (version: CatalogueVersion) => void;
}) => {
  const { t } = useTranslation();
  const staffName = useStaffNames();
  const inForce = versionInForce(versions, today);
  const columns: ColumnsType<CatalogueVersion> = [
    {
      key: 'effectiveFrom',
      title: t('catalogue.versions.effectiveFrom'),
      dataIndex: 'effectiveFrom',
      width: 120,
    },
    {
      key: 'status',
      title: t('catalogue.versions.status'),
      width: 120,
      render: (_, version) => {
        const status = versionStatus(version, inForce, today);
        return <Tag color={STATUS_COLORS[status]}>{t(`catalogue.versions.${status}`)}</Tag>;
      },
    },
    {
      key: 'file',
      title: t('catalogue.versions.file'),
      ellipsis: true,
      // A version changed by hand says which item, under the file its other items came from.
      render: (_, version) => (
        <>
          {version.fileName}
          {version.change && (
            // The cell's own ellipsis clips a long name; the title shows it whole.
            <Typography.Text
              type="secondary"
              className="catalogue-version-change"
              title={t(`catalogueItem.version.${version.change.kind}`, version.change)}
              data-testid="version-change"
            >
              {t(`catalogueItem.version.${version.change.kind}`, version.change)}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      key: 'items',
      title: t('catalogue.versions.items'),
      dataIndex: 'itemCount',
      align: 'right',
      width: 90,
      render: (count: number) => count.toLocaleString(),
    },
    {
      key: 'by',
      title: t('catalogue.versions.importedBy'),
      dataIndex: 'createdBy',
      width: 110,
      render: (id: string) => staffName(id),
    },
    {
      key: 'at',
      title: t('catalogue.versions.importedAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatClinicTime(at)}</span>,
    },
  ];
  return (
    <Table<CatalogueVersion>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={versions}
      pagination={versions.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      rowSelection={{
        type: 'radio',
        selectedRowKeys: selectedId ? [selectedId] : [],
        onChange: (_, [version]) => version && onSelect(version),
        columnTitle: t('catalogue.versions.browse'),
        columnWidth: 60,
      }}
      onRow={(version) => ({ ...rowProps(version), onClick: () => onSelect(version) })}
    />
  );
};
