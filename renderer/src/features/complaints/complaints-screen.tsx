import { Route, Routes } from 'react-router';
import { ComplaintDetail } from './complaint-detail';
import { ComplaintList } from './complaint-list';

/** /complaints (the urgency list and intake), /complaints/:id (one complaint's timeline). */
export const ComplaintsScreen = () => (
  <Routes>
    <Route index element={<ComplaintList />} />
    <Route path=":id" element={<ComplaintDetail />} />
  </Routes>
);
