import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHubAccess } from '../../electron/main/hub-access';
import { ClinicDb } from '../../renderer/src/db/database';
import { ensureDevice } from '../../renderer/src/db/device';
import { keepHubAllowed, pairingFetch } from '../../renderer/src/platform/hub-access';
import { pairWithHub, readHubLink } from '../../renderer/src/sync/engine';
import { newId } from '../../shared/ids';
import { desktopContentSecurityPolicy } from '../../shared/security/content-security-policy';
import { HubRequestError } from '../../shared/sync/hub-client';
import { testBackends } from '../../server/hub/testing/backends';
import { startTestHub, type TestHub } from '../../server/hub/testing/test-hub';
import { clock } from './workstations';

/**
 * A desktop PC pairs with the clinic's hub: the page's pairing request made by the main process
 * (electron/main/hub-access.ts, with Node's fetch in place of net.fetch), the hub's answer read
 * by the page's own client, and then the page's policy naming that hub. The IPC in between is
 * tested on its own (hub-access-ipc.test.ts, bridge.test.ts).
 */
describe('a desktop PC pairs with the clinic’s hub through its main process', () => {
  const [sqlite] = testBackends();
  let hub: TestHub | undefined;
  let userData: string | undefined;
  afterEach(async () => {
    await hub?.dispose();
    if (userData) await rm(userData, { recursive: true, force: true });
    hub = undefined;
    userData = undefined;
  });

  const desktop = async () => {
    userData = await mkdtemp(join(tmpdir(), 'clinicdesk-desktop-pairing-'));
    const reload = vi.fn();
    const access = createHubAccess({ userData, fetch, reload });
    await access.load();
    const db = new ClinicDb(`pairing-${newId()}`, { indexedDB, IDBKeyRange });
    await ensureDevice(db, clock, 'FRONT-DESK-1');
    return { access, reload, db };
  };

  it('pairs with a code, then the page reloads under a policy that lets it reach that hub only', async () => {
    hub = await startTestHub(sqlite!);
    const { access, reload, db } = await desktop();
    const { code } = await hub.hub.store.createPairingCode(true);

    const link = await pairWithHub(
      db,
      { url: hub.hub.url, code, deviceName: '前台', clinicName: '康宁口腔诊所' },
      pairingFetch(access),
    );
    expect(link).toMatchObject({ clinicName: '康宁口腔诊所', admin: true });
    expect(access.origin()).toBeNull();

    await keepHubAllowed(access, (await readHubLink(db))!.url);
    const origin = new URL(hub.hub.url).origin;
    expect(access.origin()).toBe(origin);
    expect(reload).toHaveBeenCalledOnce();
    expect(desktopContentSecurityPolicy(access.origin())).toContain(
      `connect-src 'self' ${origin};`,
    );

    // The reloaded page finds its hub named already: no second reload.
    await keepHubAllowed(access, (await readHubLink(db))!.url);
    expect(reload).toHaveBeenCalledOnce();
  });

  it('tells a wrong code in the hub’s own words, and opens nothing', async () => {
    hub = await startTestHub(sqlite!);
    const { access, reload, db } = await desktop();
    const error = await pairWithHub(
      db,
      { url: hub.hub.url, code: 'ZZZZ9999', deviceName: '前台', clinicName: '康宁口腔诊所' },
      pairingFetch(access),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HubRequestError);
    expect((error as HubRequestError).reason).toBe('wrong-code');
    expect((error as HubRequestError).body.message?.zh).toBeTruthy();
    expect(await readHubLink(db)).toBeUndefined();
    expect(access.origin()).toBeNull();
    expect(reload).not.toHaveBeenCalled();
  });
});
