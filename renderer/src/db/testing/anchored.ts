import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { AuditAnchor } from '../../../../shared/bridge/audit-anchor';
import { newId } from '../../../../shared/ids';
import { AnchorDb, createBrowserAuditAnchor } from '../../platform/browser-audit-anchor';
import { anchorChains } from '../chain-anchor';
import { completeSetup } from '../setup';
import { actorOf } from '../staff';
import { recordAuditEvent, type Actor, type StoreContext } from '../write';
import { freshStore, OWNER_PASSWORD } from './store';

/** A clinic whose chains are anchored from setup on, in a browser anchor of its own. */
export const anchoredClinic = async (
  wrap: (anchor: AuditAnchor) => AuditAnchor = (a) => a,
  gather?: (flush: () => void) => void,
) => {
  const store = freshStore();
  const anchorDb = new AnchorDb(`anchor-${newId()}`, { indexedDB, IDBKeyRange });
  const anchoring = anchorChains(store.db, wrap(createBrowserAuditAnchor(anchorDb)), gather);
  const { owner } = await completeSetup(store.ctx, {
    clinic: { name: '康宁口腔诊所', regionProvince: '44', regionCity: '深圳市' },
    owner: { username: 'lina', displayName: '李娜', password: OWNER_PASSWORD },
  });
  return { ...store, anchorDb, anchoring, ownerActor: actorOf(owner) };
};

/** `count` views of patient records, each its own audited write. */
export const viewPatients = async (ctx: StoreContext, actor: Actor, count: number) => {
  for (let i = 0; i < count; i++)
    await recordAuditEvent(ctx, {
      actor,
      action: 'view',
      entity: 'patient',
      entityId: `patient-${i}`,
      summary: '查看患者档案',
    });
};
