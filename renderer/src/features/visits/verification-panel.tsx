import { Drawer, Spin, type InputRef } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { PatientHeader } from './patient-header';
import { VerificationForm } from './verification-form';
import './visits.css';

type VerificationPanelProps = {
  visitId: string | undefined;
  open: boolean;
  onClose: () => void;
  afterClose?: () => void;
};

/**
 * The 证、卡、人 panel for one visit, across the whole window so that nothing else competes for
 * the desk's attention. The ID field has the focus as soon as it opens.
 */
export const VerificationPanel = ({
  visitId,
  open,
  onClose,
  afterClose,
}: VerificationPanelProps) => {
  const { db } = useServices();
  const me = useSession((state) => state.staff);
  const documentRef = useRef<InputRef>(null);
  const [shown, setShown] = useState(false);
  const loaded = useLiveQuery(async () => {
    if (!visitId) return null;
    const visit = await db.visits.get(visitId);
    const patient = visit ? await db.patients.get(visit.patientId) : undefined;
    return visit && patient ? { visit, patient } : null;
  }, [db, visitId]);

  const visitLoaded = loaded?.visit.id;
  // The ID field takes the focus once the drawer has opened and the visit has loaded, in either
  // order, unless the desk is already typing somewhere in it.
  // Only typing inside the drawer counts: the check-in box or its confirmation may still hold the
  // focus as the drawer opens, and a swiped ID must land in the ID field.
  useEffect(() => {
    const drawer = documentRef.current?.input?.closest('.ant-drawer-content');
    const active = document.activeElement;
    const typing =
      !!drawer && !!active && drawer.contains(active) && active.matches('input, textarea');
    if (shown && visitLoaded && !typing) documentRef.current?.focus();
  }, [shown, visitLoaded]);

  return (
    <Drawer
      open={open}
      size="100%"
      placement="right"
      title={loaded ? <PatientHeader patient={loaded.patient} /> : ''}
      onClose={onClose}
      afterOpenChange={(opened) => {
        setShown(opened);
        if (!opened) afterClose?.();
      }}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="verification-panel"
    >
      {loaded && me ? (
        <VerificationForm
          // A fresh form for every visit: nothing typed for one patient carries over to the next.
          key={loaded.visit.id}
          me={me}
          visit={loaded.visit}
          patient={loaded.patient}
          onDone={onClose}
          documentRef={documentRef}
        />
      ) : (
        <Spin />
      )}
    </Drawer>
  );
};
