import { verifyChainsByDevice, type DeviceChainReport, type ErasedEvents } from '../audit/chain';
import type { AuditEvent } from '../audit/audit-event';
import {
  anchorsIntact,
  checkAgainstCheckpoints,
  type AnchorCheck,
  type Checkpoint,
} from '../audit/checkpoint';
import { consentHash, consentStatusOf, type Consent } from '../consents/consent';

/**
 * What a backup's evidence says before it is restored (hardening item 10): each device's audit
 * chain, and each signed notice against its hash and the hash the audit log recorded at signing.
 * The same checks the audit screen and the notice page make, run on the file's content, so the
 * owner sees a rewritten history before it replaces the store in use.
 */
export type ConsentProblem =
  /** The content or the ink no longer matches the stored hash. */
  | 'hash-mismatch'
  /** The stored status disagrees with the signed decision (a refusal turned into "signed"). */
  | 'status-changed'
  /** The audit log recorded another hash at signing: the notice was altered and re-hashed. */
  | 'audit-differs'
  /** No signing event for it in the audit log. */
  | 'not-in-audit';

export type ConsentBreak = {
  consentId: string;
  date: string;
  patientName: string;
  problem: ConsentProblem;
};

export type EvidenceReport = {
  chains: DeviceChainReport[];
  /**
   * Each chain against the checkpoint the manifest recorded for it; undefined when the manifest
   * recorded none (a backup made before checkpoints were kept). The signatures are not checked
   * here: the key that made them stays on the PC that made them.
   */
  anchors: AnchorCheck[] | undefined;
  consents: { checked: number; broken: ConsentBreak[] };
};

/** The contentHash each consent's signing (or refusal) event recorded, by consent id. */
const signedHashes = (events: readonly AuditEvent[]): Map<string, string | undefined> => {
  const hashes = new Map<string, string | undefined>();
  for (const e of events)
    if (e.entity === 'consent' && (e.action === 'sign' || e.action === 'refuse'))
      hashes.set(e.entityId, e.changes?.find((c) => c.field === 'contentHash')?.to);
  return hashes;
};

export const consentProblem = (
  consent: Consent,
  audited: ReadonlyMap<string, string | undefined>,
): ConsentProblem | undefined => {
  if (consentHash(consent) !== consent.contentHash) return 'hash-mismatch';
  if (consent.status !== consentStatusOf(consent)) return 'status-changed';
  if (!audited.has(consent.id)) return 'not-in-audit';
  if (audited.get(consent.id) !== consent.contentHash) return 'audit-differs';
  return undefined;
};

/**
 * Checks the chains (against the manifest's checkpoints, when it has any) and the consents;
 * `consents` may be read one at a time (a store cursor).
 */
export const checkEvidence = async (
  events: readonly AuditEvent[],
  eachConsent: (visit: (consent: Consent) => void) => Promise<void>,
  checkpoints?: readonly Checkpoint[],
  erased?: ErasedEvents,
): Promise<EvidenceReport> => {
  const audited = signedHashes(events);
  const broken: ConsentBreak[] = [];
  let checked = 0;
  await eachConsent((consent) => {
    checked += 1;
    const problem = consentProblem(consent, audited);
    if (problem)
      broken.push({
        consentId: consent.id,
        date: consent.date,
        patientName: consent.content.patient.name,
        problem,
      });
  });
  return {
    chains: verifyChainsByDevice(events, erased),
    anchors: checkpoints && checkAgainstCheckpoints(events, checkpoints),
    consents: { checked, broken },
  };
};

export const evidenceIntact = (report: EvidenceReport): boolean =>
  report.consents.broken.length === 0 &&
  report.chains.every((chain) => !chain.firstBreak) &&
  anchorsIntact(report.anchors ?? []);
