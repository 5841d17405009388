import { useEffect, useState } from 'react';
import { useServices } from '../../app/services';
import { useSession } from '../../app/session-store';
import { openConsent, type OpenedConsent } from '../../db/consents';
import { actorOf } from '../../db/staff';

export type OpenedState =
  | { status: 'opening' }
  | { status: 'open'; opened: OpenedConsent }
  | { status: 'failed'; error: unknown };

/**
 * Opens a notice once per visit to the page: re-checks its hash and records the view in the audit
 * log (PRODUCT.md §3.5: every view of a record is logged), so it is an effect, not a live query.
 */
export const useOpenedConsent = (consentId: string | undefined): OpenedState => {
  const services = useServices();
  const me = useSession((state) => state.staff);
  const [state, setState] = useState<{ id?: string; value: OpenedState }>({
    value: { status: 'opening' },
  });
  useEffect(() => {
    if (!consentId || !me) return;
    let current = true;
    openConsent(services, actorOf(me), consentId).then(
      (opened) => current && setState({ id: consentId, value: { status: 'open', opened } }),
      (error: unknown) =>
        current && setState({ id: consentId, value: { status: 'failed', error } }),
    );
    return () => {
      current = false;
    };
    // Once per notice and person: a re-render must not log another view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [consentId, me?.id]);
  return state.id === consentId ? state.value : { status: 'opening' };
};
