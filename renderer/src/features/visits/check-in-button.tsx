import { LoginOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/auth/permissions';
import type { Patient } from '../../../../shared/patients/patient';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { actorOf } from '../../db/staff';
import { checkIn } from '../../db/visits';
import { errorMessage } from '../../ui/error-message';
import { VerificationPanel } from './verification-panel';

/**
 * Opens today's visit for the patient and, with it, the verification panel (PRODUCT §1.1: every
 * visit starts with 证、卡、人). Hidden from roles that cannot check patients in.
 */
export const CheckInButton = ({ patient }: { patient: Pick<Patient, 'id'> }) => {
  const { t } = useTranslation();
  const services = useServices();
  const { message } = App.useApp();
  const me = useSession((state) => state.staff);
  const [visitId, setVisitId] = useState<string>();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);

  if (!me || !can(me.roles, 'visit.check-in')) return null;

  const start = async () => {
    setBusy(true);
    try {
      const visit = await checkIn(services, actorOf(me), patient.id);
      setVisitId(visit.id);
      setOpen(true);
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        type="primary"
        icon={<LoginOutlined />}
        loading={busy}
        onClick={() => void start()}
        data-testid="check-in"
      >
        {t('visits.checkIn')}
      </Button>
      <VerificationPanel
        visitId={visitId}
        open={open}
        onClose={() => setOpen(false)}
        afterClose={() => setVisitId(undefined)}
      />
    </>
  );
};
