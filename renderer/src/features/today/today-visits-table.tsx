import { Table } from 'antd';
import { memo, useDeferredValue, useRef, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/auth/roles';
import type { TodayVisit } from '../../db/visits';
import { useVisitColumns } from './today-visit-columns';
import { useFillHeight } from './use-fill-height';

type TodayVisitsTableProps = {
  visits: readonly TodayVisit[] | undefined;
  roles: readonly Role[];
  onVerify: (visitId: string) => void;
  onCancel: (row: TodayVisit) => void;
};

// JSX accepts data-* attributes, a typed object literal does not: hence the cast.
const rowProps = (row: TodayVisit) =>
  ({
    'data-testid': 'today-visit',
    'data-visit': row.visit.id,
    'data-patient': row.patient?.name ?? '',
    'data-cancelled': row.visit.cancelledAt ? 'true' : 'false',
    ...(row.visit.cancelledAt ? { style: { opacity: 0.6 } } : {}),
  }) as HTMLAttributes<HTMLElement>;

/** The table's header row (47 px), then the card's padding and the page's below it (24 px each). */
const HEADER_AND_MARGINS = 47 + 48;

/**
 * Today's visits in check-in order, where each stands on identity, and the re-checks due.
 * Virtual: only the rows in view are in the page, so a busy day of 1,000 visits draws as fast
 * as a quiet one (it froze the page for 8 s in the trial run), and the table fills the window.
 * The rows follow the visits at low priority: while a new list draws, a click elsewhere (on
 * 患者 right after login) is answered first.
 */
export const TodayVisitsTable = (props: TodayVisitsTableProps) => {
  const visits = useDeferredValue(props.visits);
  return <VisitsTable {...props} visits={visits} />;
};

/** Memoized, so that the urgent render with the old visits costs nothing. */
const VisitsTable = memo(({ visits, roles, onVerify, onCancel }: TodayVisitsTableProps) => {
  const { t } = useTranslation();
  const columns = useVisitColumns({ roles, onVerify, onCancel });
  const box = useRef<HTMLDivElement>(null);
  const height = useFillHeight(box, { min: 280, below: HEADER_AND_MARGINS });
  return (
    <div ref={box}>
      <Table<TodayVisit>
        virtual
        scroll={{ y: height }}
        rowKey={(row) => row.visit.id}
        columns={columns}
        dataSource={visits as TodayVisit[] | undefined}
        loading={visits === undefined}
        onRow={rowProps}
        pagination={false}
        size="middle"
        locale={{ emptyText: t('today.empty') }}
      />
    </div>
  );
});
