import { Typography } from 'antd';
import { useNavigate } from 'react-router';
import { can } from '../../../../shared/auth/permissions';
import type { Patient } from '../../../../shared/patients/patient';
import { useSession } from '../../app/session-store';

/** The patient's name, opening their record (details, visits, checks) for those who may see it. */
export const PatientLink = ({ patient }: { patient: Pick<Patient, 'id' | 'name'> | undefined }) => {
  const navigate = useNavigate();
  const roles = useSession((state) => state.staff?.roles);
  if (!patient) return <Typography.Text>—</Typography.Text>;
  if (!can(roles, 'patient.view')) return <Typography.Text strong>{patient.name}</Typography.Text>;
  return (
    <Typography.Link strong onClick={() => navigate(`/patients/${patient.id}`)}>
      {patient.name}
    </Typography.Link>
  );
};
