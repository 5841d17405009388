import { Route, Routes } from 'react-router';
import { ComplaintDetail } from './complaint-detail';
import { ComplaintList } from './complaint-list';
import { ConsultationLog } from './consultation-log';

/**
 * /complaints (the urgency list and intake), /complaints/consultations (the consultation log),
 * /complaints/:id (one complaint's timeline).
 */
export const ComplaintsScreen = () => (
  <Routes>
    <Route index element={<ComplaintList />} />
    <Route path="consultations" element={<ConsultationLog />} />
    <Route path=":id" element={<ComplaintDetail />} />
  </Routes>
);
