import type { HubAccess } from '../../../shared/bridge/hub-access';

/** Statuses whose responses have no body: a Response with one cannot be made. */
const NULL_BODY_STATUS = [204, 205, 304];

/**
 * The `fetch` pairWithHub uses on the desktop. The page's policy names only the hub it is already
 * paired with, so the one request pairing makes, POST <hub>/v1/pair, goes through the main
 * process; the hub's answer comes back as it came and is read like any other. Nothing else goes
 * this way: every other request is the page's own, under its policy.
 */
export const pairingFetch =
  (access: HubAccess): typeof fetch =>
  async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (
      init?.method !== 'POST' ||
      url.pathname !== '/v1/pair' ||
      url.search !== '' ||
      typeof init.body !== 'string'
    )
      throw new TypeError('only the pairing request is made by the desktop for the page');
    const answer = await access.pair({
      origin: url.origin,
      pairing: JSON.parse(init.body) as { code: string; deviceName: string },
    });
    return new Response(NULL_BODY_STATUS.includes(answer.status) ? null : answer.body, {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  };

/** The origin the page's policy must name for a hub link at `url`; none without a link. */
export const hubOriginOf = (url: string | null): string | null => {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Tells the main process which hub this store's link names, when that is not the one the page's
 * policy names already: after pairing, pairing again elsewhere, a restore into a store with no
 * link, and the first start after an update from a version that had no such policy. Naming a new
 * hub reloads the page.
 */
export const keepHubAllowed = async (access: HubAccess, linkUrl: string | null): Promise<void> => {
  const wanted = hubOriginOf(linkUrl);
  const { origin } = await access.allowed();
  if (origin !== wanted) await access.allow({ origin: wanted });
};
