import { Spin } from 'antd';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ComplaintDetail } from './complaint-detail';
import { ComplaintList } from './complaint-list';
import { ConsultationLog } from './consultation-log';

// The report brings ECharts: loaded when it is first opened, not with the app.
const ComplaintReportScreen = lazy(() =>
  import('./complaint-report').then((m) => ({ default: m.ComplaintReportScreen })),
);

/**
 * /complaints (the urgency list and intake), /complaints/consultations (the consultation log),
 * /complaints/report (the report, for those who handle complaints), /complaints/:id (one
 * complaint's timeline).
 */
export const ComplaintsScreen = () => (
  <Routes>
    <Route index element={<ComplaintList />} />
    <Route path="consultations" element={<ConsultationLog />} />
    <Route
      path="report"
      element={
        <Suspense fallback={<Spin />}>
          <ComplaintReportScreen />
        </Suspense>
      }
    />
    <Route path=":id" element={<ComplaintDetail />} />
  </Routes>
);
