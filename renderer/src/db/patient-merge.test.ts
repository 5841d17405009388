import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { mergedFrom, mergePatients, survivingPatient } from './patient-merge';
import { findDuplicates, savePatientPhoto, searchPatients, updatePatient } from './patients';
import { ZHANG_SAN } from './testing/patients';
import { errorOf, reasonOf, storeWithOwner } from './testing/store';
import { addTeam, putPatient } from './testing/visits';
import { actorOf } from './staff';
import { previewCheck } from './verifications';
import { checkIn, patientTimeline } from './visits';

/** One person registered twice with one ID number (two PCs offline, or an approved second record). */
const twoRecords = async () => {
  const store = await storeWithOwner();
  const team = await addTeam(store.ctx, store.ownerActor);
  const first = await putPatient(store.ctx, { id: 'p-1', createdAt: '2026-01-05T01:00:00.000Z' });
  const second = await putPatient(store.ctx, {
    id: 'p-2',
    phone: '13900001111',
    createdAt: '2026-03-01T01:00:00.000Z',
  });
  return {
    ...store,
    first,
    second,
    officer: actorOf(team.officer),
    desk: actorOf(team.desk),
  };
};

describe('merging two records of one person', () => {
  it('points the merged-away record at the survivor, audited with the reason', async () => {
    const { ctx, db, officer, first, second, clock } = await twoRecords();
    clock.set('2026-11-22T10:00:00+08:00');
    const merged = await mergePatients(ctx, officer, {
      keepId: first.id,
      mergeId: second.id,
      reason: ' 同一人重复登记 ',
    });
    expect(merged).toMatchObject({
      id: second.id,
      mergedInto: first.id,
      mergedBy: officer.staffId,
      mergedAt: '2026-11-22T02:00:00.000Z',
      mergeReason: '同一人重复登记',
      // Nothing else of the record changes: its history stays its own.
      phone: '13900001111',
    });
    const events = await db.auditEvents.where('entityId').equals(second.id).toArray();
    expect(events).toMatchObject([
      { action: 'merge', entity: 'patient', actorId: officer.staffId, reason: '同一人重复登记' },
    ]);
    expect(events[0]?.changes).toContainEqual({ field: 'mergedInto', to: first.id });
    expect((await mergedFrom(db, first.id)).map((p) => p.id)).toEqual([second.id]);
    expect((await survivingPatient(db, merged)).id).toBe(first.id);
  });

  it('every read follows the pointer: search, duplicates, the check-in flags and the visit history', async () => {
    const { ctx, db, officer, desk, first, second } = await twoRecords();
    const oldVisit = await checkIn(ctx, desk, second.id);
    expect((await searchPatients(db, desk, '张')).map((p) => p.id).sort()).toEqual(['p-1', 'p-2']);
    expect((await previewCheck(ctx, desk, first, {})).flags).toContain('id-number-shared');

    await mergePatients(ctx, officer, { keepId: first.id, mergeId: second.id, reason: '重复' });
    expect((await searchPatients(db, desk, '张')).map((p) => p.id)).toEqual(['p-1']);
    expect((await searchPatients(db, desk, 'zxy')).map((p) => p.id)).toEqual(['p-1']);
    expect(await findDuplicates(db, desk, ZHANG_SAN)).toEqual([]);
    expect((await previewCheck(ctx, desk, first, {})).flags).not.toContain('id-number-shared');
    const history = await patientTimeline(db, desk, [first.id, second.id]);
    expect(history.map((entry) => entry.visit.id)).toEqual([oldVisit.id]);
  });

  it('a merged-away record takes no check-in, edit or photo: the survivor is named', async () => {
    const { ctx, officer, desk, first, second } = await twoRecords();
    await mergePatients(ctx, officer, { keepId: first.id, mergeId: second.id, reason: '重复' });
    const refusal = await errorOf(checkIn(ctx, desk, second.id));
    expect(refusal).toMatchObject({ reason: 'patient-merged', values: { name: first.name } });
    expect(await reasonOf(updatePatient(ctx, officer, second.id, ZHANG_SAN, '改名'))).toBe(
      'patient-merged',
    );
    const photo = new Blob([new Uint8Array(10)], { type: 'image/jpeg' });
    expect(await reasonOf(savePatientPhoto(ctx, desk, second.id, photo))).toBe('patient-merged');
    // The survivor works as before.
    expect((await checkIn(ctx, desk, first.id)).patientId).toBe(first.id);
  });

  it('opposite merges leave the lower id standing: it stays editable and keeps its pointer', async () => {
    const { ctx, db, officer, first, second } = await twoRecords();
    await mergePatients(ctx, officer, { keepId: first.id, mergeId: second.id, reason: '重复' });
    // The other PC's opposite merge, as the sync brings it.
    await db.patients.update(first.id, { mergedInto: second.id, mergeReason: '同一人' });
    const standing = (await db.patients.get(first.id))!;
    expect((await survivingPatient(db, standing)).id).toBe(first.id);
    await updatePatient(
      ctx,
      officer,
      first.id,
      { ...ZHANG_SAN, phone: '13700009999' },
      '核对身份证',
    );
    expect(await db.patients.get(first.id)).toMatchObject({
      phone: '13700009999',
      mergedInto: second.id,
    });
  });

  it('only the insurance officer or the owner merges, with a reason, two records that look alike', async () => {
    const { ctx, officer, desk, ownerActor, first, second } = await twoRecords();
    const other = await putPatient(ctx, {
      id: 'p-3',
      name: '李四',
      idNumber: '11010519800101001X',
      cardNumber: 'G44030099999999',
      birthDate: '1980-01-01',
    });
    const merge = (keepId: string, mergeId: string, reason = '重复') =>
      mergePatients(ctx, officer, { keepId, mergeId, reason });
    await expect(
      mergePatients(ctx, desk, { keepId: first.id, mergeId: second.id, reason: '重复' }),
    ).rejects.toBeInstanceOf(PermissionError);
    expect(await errorOf(merge(first.id, second.id, '  '))).toMatchObject({
      reason: 'merge-reason-required',
      field: 'reason',
    });
    expect(await reasonOf(merge(first.id, first.id))).toBe('merge-same-patient');
    expect(await reasonOf(merge(first.id, other.id))).toBe('merge-not-duplicate');
    expect(await reasonOf(merge(first.id, 'p-none'))).toBe('not-found');

    await mergePatients(ctx, ownerActor, { keepId: first.id, mergeId: second.id, reason: '重复' });
    // Neither side of a merge can be merged again: the survivor is the record to use.
    expect(await reasonOf(merge(second.id, first.id))).toBe('patient-merged');
    expect(await reasonOf(merge(first.id, second.id))).toBe('patient-merged');
  });
});
