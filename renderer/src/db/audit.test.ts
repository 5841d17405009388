import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { queryAudit } from './audit';
import { openPatient } from './patients';
import { chairClinic } from './testing/consents';

describe('the audit log is read by the owner and the insurance officer only', () => {
  it('the officer sees who opened which record', async () => {
    const { ctx, db, desk, officer, patient } = await chairClinic();
    await openPatient(ctx, desk, patient.id);
    const views = await queryAudit(db, officer, { action: 'view', entity: 'patient' });
    expect(views.map((e) => [e.actorName, e.entityId])).toEqual([['王芳', patient.id]]);
  });

  it('the front desk and the clinician are refused the log', async () => {
    const { db, desk, doctor } = await chairClinic();
    for (const reader of [desk, doctor])
      await expect(queryAudit(db, reader, {})).rejects.toBeInstanceOf(PermissionError);
  });
});
