import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useServices } from '../../app/services';
import { keepHubAllowed } from '../../platform/hub-access';
import { readHubLink } from '../../sync/engine';

/**
 * The desktop only: keeps the hub the page's policy lets it reach in step with this store's link
 * (platform/hub-access.ts). The main process reloads the page when the hub changes; a browser has
 * no such gate and this does nothing there.
 */
export const HubAccessKeeper = () => {
  const { db, bridge } = useServices();
  const access = bridge.hubAccess;
  const linkUrl = useLiveQuery(async () => (await readHubLink(db))?.url ?? null, [db]);

  useEffect(() => {
    if (!access || linkUrl === undefined) return;
    keepHubAllowed(access, linkUrl).catch(() => {
      // An address the policy cannot name (an IPv6 literal): sync then reports the hub offline.
      console.warn('hub access: the linked hub could not be allowed');
    });
  }, [access, linkUrl]);

  return null;
};
