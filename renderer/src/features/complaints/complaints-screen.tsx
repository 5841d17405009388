import { Route, Routes } from 'react-router';
import { ComplaintDetail } from './complaint-detail';
import { ComplaintList } from './complaint-list';
import { ComplaintReportScreen } from './complaint-report';

/**
 * /complaints (the urgency list and intake), /complaints/report (the report, for those who handle
 * complaints), /complaints/:id (one complaint's timeline).
 */
export const ComplaintsScreen = () => (
  <Routes>
    <Route index element={<ComplaintList />} />
    <Route path="report" element={<ComplaintReportScreen />} />
    <Route path=":id" element={<ComplaintDetail />} />
  </Routes>
);
