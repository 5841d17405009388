import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import type { Role } from '../../../../shared/auth/roles';
import type { Language } from '../../../../shared/settings/settings';
import type { TodayVisit } from '../../db/visits';
import { FlagTags } from '../visits/check-tags';
import { useStaffNames } from '../visits/use-staff-names';
import { clinicClock } from './clinic-clock';
import { ReconfirmButton } from './reconfirm-button';
import { EligibilityCell, PatientCell, StatusCell, VisitActions } from './today-visit-cells';

type ColumnKey =
  'time' | 'patient' | 'status' | 'flags' | 'eligibility' | 'clinician' | 'pharmacist' | 'actions';

/**
 * A virtual table cannot size its columns by their content (most rows are not in the page), so
 * each column has a width, taken from what the table chose by itself before: enough for its
 * header on one line and its widest button. On a 1366 px screen Chinese fits, and English runs
 * a little wider, as it did before; wider windows share out the rest.
 */
const WIDTHS: Record<Language, Record<ColumnKey, number>> = {
  'zh-CN': {
    time: 88,
    patient: 150,
    status: 140,
    flags: 180,
    eligibility: 110,
    clinician: 100,
    pharmacist: 100,
    actions: 190,
  },
  en: {
    time: 92,
    patient: 140,
    status: 126,
    flags: 146,
    eligibility: 128,
    clinician: 158,
    pharmacist: 174,
    actions: 136,
  },
};

const NO_WRAP = { style: { whiteSpace: 'nowrap' } } as const;

type VisitColumnsOptions = {
  roles: readonly Role[];
  onVerify: (visitId: string) => void;
  onCancel: (row: TodayVisit) => void;
};

/** Today's table's columns: where each visit stands on identity, and what can be done next. */
export const useVisitColumns = ({
  roles,
  onVerify,
  onCancel,
}: VisitColumnsOptions): ColumnsType<TodayVisit> => {
  const { t, i18n } = useTranslation();
  // One read of the staff names for the whole table, not one per re-check button.
  const staffName = useStaffNames();
  const width = WIDTHS[i18n.language === 'en' ? 'en' : 'zh-CN'];
  const canVerify = can(roles, 'verification.record');
  const reconfirm = {
    clinician: can(roles, 'verification.reconfirm'),
    pharmacist: can(roles, 'verification.dispense'),
  };
  const canPlan = can(roles, 'consent.prepare');
  // The front desk bills planned items from the same page (PRODUCT.md §2.4), without planning them.
  const canBill = !canPlan && can(roles, 'item.bill');
  const allowed = { verify: canVerify, plan: canPlan, bill: canBill };
  const column = (key: ColumnKey, render: (row: TodayVisit) => ReactNode) => ({
    key,
    title: t(`today.columns.${key}`),
    width: width[key],
    // Headers such as 医生复核 broke in two in a narrow window: one line, the table scrolls sideways.
    onHeaderCell: () => NO_WRAP,
    render: (_: unknown, row: TodayVisit) => render(row),
  });
  return [
    column('time', (row) => clinicClock(row.visit.checkedInAt)),
    column('patient', (row) => <PatientCell row={row} />),
    column('status', (row) => <StatusCell row={row} />),
    column('flags', (row) => <FlagTags flags={row.checks.checkIn?.flags ?? []} />),
    column('eligibility', (row) => <EligibilityCell row={row} />),
    ...(['clinician', 'pharmacist'] as const).map((stage) =>
      column(stage, (row) =>
        row.visit.cancelledAt ? null : (
          <ReconfirmButton
            visitId={row.visit.id}
            patient={row.patient}
            stage={stage}
            done={row.checks[stage]}
            allowed={reconfirm[stage]}
            staffName={staffName}
          />
        ),
      ),
    ),
    ...(canVerify || canPlan || canBill
      ? [
          column('actions', (row) => (
            <VisitActions row={row} allowed={allowed} onVerify={onVerify} onCancel={onCancel} />
          )),
        ]
      : []),
  ];
};
