import { maskIdentifier } from '../../../shared/audit/changes';
import { describe, expect, it } from 'vitest';
import { PermissionError } from '../../../shared/auth/permissions';
import { AppError } from '../../../shared/errors';
import type { PatientInput } from '../../../shared/patients/patient-input';
import {
  findDuplicates,
  openPatient,
  readPatientPhoto,
  registerPatient,
  savePatientPhoto,
  searchPatients,
  updatePatient,
} from './patients';
import { actorOf, addStaff } from './staff';
import { SCHEDULE_ACTOR } from './system-actors';
import { withCheck, ZHANG_SAN } from './testing/patients';
import { OWNER_PASSWORD, storeWithOwner } from './testing/store';
import type { Actor } from './write';

const zhangSan = ZHANG_SAN;

/** 李四, a woman born 1985-11-02. */
const liSi: PatientInput = {
  name: '李四',
  sex: 'female',
  birthDate: '1985-11-02',
  idType: 'resident',
  idNumber: withCheck('44030419851102246'),
  phone: '13900001111',
  scheme: 'self-pay',
  notes: '',
};

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { reason: error.reason, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
};

const storeWithPatients = async () => {
  const store = await storeWithOwner();
  const zhang = await registerPatient(store.ctx, store.ownerActor, zhangSan);
  const li = await registerPatient(store.ctx, store.ownerActor, liSi);
  return { ...store, zhang, li };
};

const names = (patients: { name: string }[]) => patients.map((p) => p.name).sort();

describe('registering a patient', () => {
  it('stores the normalized ID number and search keys, with an audit event and outbox entry', async () => {
    const { ctx, db, ownerActor } = await storeWithOwner();
    const lower = withCheck('11010519900307123').toLowerCase();
    const patient = await registerPatient(ctx, ownerActor, { ...zhangSan, idNumber: lower });
    expect(patient.idNumber).toBe(lower.toUpperCase());
    expect(patient.searchKeys).toEqual(expect.arrayContaining(['zhangsan', 'zs', '5678']));
    const events = await db.auditEvents.where('entityId').equals(patient.id).toArray();
    expect(events).toMatchObject([{ action: 'create', entity: 'patient', summary: '张三' }]);
    // The audit log keeps the number's tail and a digest, not the number (hardening item 13).
    expect(events[0]!.changes).toContainEqual({
      field: 'idNumber',
      to: maskIdentifier(patient.idNumber),
    });
    expect(JSON.stringify(events)).not.toContain(patient.idNumber);
    expect(events[0]!.changes?.some((c) => c.field === 'searchKeys')).toBe(false);
    expect((await db.outbox.toArray()).filter((e) => e.entityId === patient.id)).toHaveLength(1);
  });

  it('a first-generation 15-digit number is stored in its 18-character form', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const patient = await registerPatient(ctx, ownerActor, {
      ...zhangSan,
      idNumber: '110105900307123',
    });
    expect(patient.idNumber).toBe(withCheck('11010519900307123'));
  });

  it('a mistyped ID number is refused on the ID field', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    expect(
      await failure(
        registerPatient(ctx, ownerActor, { ...zhangSan, idNumber: '110105199003071230' }),
      ),
    ).toEqual({ reason: 'id-number-invalid', field: 'idNumber' });
  });

  it('a birth date or sex that contradicts the ID number is refused on that field', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    expect(
      await failure(registerPatient(ctx, ownerActor, { ...zhangSan, birthDate: '1990-03-08' })),
    ).toEqual({ reason: 'identity-mismatch', field: 'birthDate' });
    expect(await failure(registerPatient(ctx, ownerActor, { ...zhangSan, sex: 'female' }))).toEqual(
      { reason: 'identity-mismatch', field: 'sex' },
    );
  });

  it('a clinician may look a patient up but not register one', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    const doctor = await addStaff(ctx, ownerActor, {
      username: 'drwang',
      displayName: '王医生',
      roles: ['clinician'],
      password: 'Doctor#2026',
    });
    await expect(registerPatient(ctx, actorOf(doctor), zhangSan)).rejects.toBeInstanceOf(
      PermissionError,
    );
    const zhang = await registerPatient(ctx, ownerActor, zhangSan);
    await expect(
      updatePatient(ctx, actorOf(doctor), zhang.id, { ...zhangSan, phone: '13700000000' }, ''),
    ).rejects.toBeInstanceOf(PermissionError);
    expect((await openPatient(ctx, actorOf(doctor), zhang.id)).name).toBe('张三');
  });
});

describe('possible duplicates (冒名顶替, 借卡)', () => {
  it('the same ID number, typed in lower case, is found on the other patient', async () => {
    const { db, zhang, ownerActor } = await storeWithPatients();
    const found = await findDuplicates(db, ownerActor, {
      name: '张叁',
      birthDate: '1990-03-07',
      idNumber: zhang.idNumber,
    });
    expect(found).toEqual([{ patient: zhang, matches: ['id-number'] }]);
  });

  it('the same card number on someone else is found', async () => {
    const { db, zhang, ownerActor } = await storeWithPatients();
    const found = await findDuplicates(db, ownerActor, {
      name: '王五',
      birthDate: '1970-01-01',
      idNumber: 'E12345678',
      cardNumber: 'A10000001',
    });
    expect(found).toEqual([{ patient: zhang, matches: ['card-number'] }]);
  });

  it('the same name and birth date is found; the same name alone is not', async () => {
    const { db, li, ownerActor } = await storeWithPatients();
    const candidate = { name: '李四', birthDate: '1985-11-02', idNumber: 'E12345678' };
    expect(await findDuplicates(db, ownerActor, candidate)).toEqual([
      { patient: li, matches: ['name-birth-date'] },
    ]);
    expect(await findDuplicates(db, ownerActor, { ...candidate, birthDate: '1985-11-03' })).toEqual(
      [],
    );
  });

  it('a patient is not their own duplicate', async () => {
    const { db, zhang, ownerActor } = await storeWithPatients();
    expect(await findDuplicates(db, ownerActor, zhang, zhang.id)).toEqual([]);
  });

  it('the same resident ID number is the same person: confirming alone does not make a second record', async () => {
    const { ctx, ownerActor, db } = await storeWithPatients();
    const again = { ...zhangSan, idNumber: zhangSan.idNumber.toLowerCase(), cardNumber: '' };
    expect(await failure(registerPatient(ctx, ownerActor, again))).toEqual({
      reason: 'possible-duplicate',
      field: undefined,
    });
    const confirmed = registerPatient(ctx, ownerActor, again, {
      acceptDuplicates: true,
      duplicateReason: '不是同一人',
    });
    expect(await failure(confirmed)).toEqual({
      reason: 'same-id-number',
      field: 'overrideUsername',
    });
    expect(await db.patients.count()).toBe(2);
  });

  it('a second record for one resident ID number takes an officer’s own login and a reason, and flags both', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    const desk = await addStaff(ctx, ownerActor, {
      username: 'wangfang',
      displayName: '王芳',
      roles: ['front-desk'],
      password: 'Front#Desk1',
    });
    const again = { ...zhangSan, name: '张叁', cardNumber: '' };
    const asDesk = (options: Parameters<typeof registerPatient>[3]) =>
      registerPatient(ctx, actorOf(desk), again, { acceptDuplicates: true, ...options });
    const wrongPassword = asDesk({
      duplicateReason: '证件号码被冒用，公安已出具证明',
      secondRecord: { username: 'lina', password: 'not-it' },
    });
    expect(await failure(wrongPassword)).toMatchObject({ reason: 'override-credentials' });
    const deskLogin = asDesk({
      duplicateReason: '证件号码被冒用，公安已出具证明',
      secondRecord: { username: 'wangfang', password: 'Front#Desk1' },
    });
    expect(await failure(deskLogin)).toMatchObject({ reason: 'override-role' });
    const noReason = asDesk({ secondRecord: { username: 'lina', password: OWNER_PASSWORD } });
    expect(await failure(noReason)).toEqual({
      reason: 'duplicate-reason-required',
      field: 'duplicateReason',
    });

    const second = await asDesk({
      duplicateReason: '证件号码被冒用，公安已出具证明',
      secondRecord: { username: 'lina', password: OWNER_PASSWORD },
    });
    expect(second.sameIdApproval).toMatchObject({
      otherIds: [zhang.id],
      reason: '证件号码被冒用，公安已出具证明',
      approvedBy: ownerActor.staffId,
    });
    expect((await db.patients.get(zhang.id))?.sameIdApproval).toMatchObject({
      otherIds: [second.id],
      approvedBy: ownerActor.staffId,
    });
    const created = (await db.auditEvents.where('entityId').equals(second.id).toArray())[0];
    expect(created).toMatchObject({
      action: 'create',
      actorId: desk.id,
      reason: '证件号码被冒用，公安已出具证明',
    });
    const flagged = await db.auditEvents.where('entityId').equals(zhang.id).toArray();
    expect(flagged.find((e) => e.action === 'update')).toMatchObject({
      reason: '证件号码被冒用，公安已出具证明',
    });
  });

  it('the same card number may be two people: the desk says why, and the audit keeps it', async () => {
    const { ctx, ownerActor, db } = await storeWithPatients();
    const cousin = { ...liSi, name: '王五', idNumber: withCheck('44030419851102350') };
    const other = { ...cousin, cardNumber: 'A10000001' };
    const noReason = registerPatient(ctx, ownerActor, other, { acceptDuplicates: true });
    expect(await failure(noReason)).toEqual({
      reason: 'duplicate-reason-required',
      field: 'duplicateReason',
    });
    const saved = await registerPatient(ctx, ownerActor, other, {
      acceptDuplicates: true,
      duplicateReason: '卡号登记错误，已核对医保卡原件',
    });
    expect(saved.sameIdApproval).toBeUndefined();
    const events = await db.auditEvents.where('entityId').equals(saved.id).toArray();
    expect(events).toMatchObject([{ action: 'create', reason: '卡号登记错误，已核对医保卡原件' }]);
  });

  it('an edit that takes another patient’s card number needs a reason', async () => {
    const { ctx, ownerActor, li } = await storeWithPatients();
    const edit = { ...liSi, cardNumber: 'a1000 0001' };
    expect(await failure(updatePatient(ctx, ownerActor, li.id, edit, ''))).toMatchObject({
      reason: 'possible-duplicate',
    });
    const noReason = updatePatient(ctx, ownerActor, li.id, edit, '', { acceptDuplicates: true });
    expect(await failure(noReason)).toMatchObject({ reason: 'duplicate-reason-required' });
    const saved = await updatePatient(
      ctx,
      ownerActor,
      li.id,
      edit,
      '夫妻共用卡号登记有误，已核对',
      {
        acceptDuplicates: true,
      },
    );
    expect(saved.cardNumber).toBe('A10000001');
  });

  it('an edit never takes another patient’s resident ID number', async () => {
    const { ctx, ownerActor, li } = await storeWithPatients();
    const edit = {
      ...liSi,
      name: '张三',
      sex: 'male' as const,
      birthDate: '1990-03-07',
      idNumber: zhangSan.idNumber,
    };
    const accepted = updatePatient(ctx, ownerActor, li.id, edit, '录入错误', {
      acceptDuplicates: true,
    });
    expect(await failure(accepted)).toMatchObject({ reason: 'same-id-number' });
  });
});

describe('changing a registration', () => {
  it('a new name needs a reason, and the audit event keeps the reason and both names', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    const renamed = { ...zhangSan, name: '张叁' };
    expect(await failure(updatePatient(ctx, ownerActor, zhang.id, renamed, '  '))).toEqual({
      reason: 'reason-required',
      field: 'reason',
    });
    const saved = await updatePatient(ctx, ownerActor, zhang.id, renamed, '身份证上是“叁”');
    expect(saved.searchKeys).toContain('zhangsan');
    const events = await db.auditEvents.where('entityId').equals(zhang.id).toArray();
    const update = events.find((e) => e.action === 'update');
    expect(update).toMatchObject({ reason: '身份证上是“叁”' });
    expect(update?.changes).toEqual([{ field: 'name', from: '张三', to: '张叁' }]);
  });

  it('a new ID type or ID number needs a reason too', async () => {
    const { ctx, ownerActor, zhang } = await storeWithPatients();
    const passport = { ...zhangSan, idType: 'passport', idNumber: 'E12345678' } as const;
    expect(await failure(updatePatient(ctx, ownerActor, zhang.id, passport, ''))).toMatchObject({
      reason: 'reason-required',
    });
  });

  it('an edit keeps what the form does not show: the mark of an approved second record', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    const approval = {
      otherIds: ['p-other'],
      reason: '证件号码被冒用',
      approvedBy: ownerActor.staffId,
      approvedAt: '2026-11-01T01:00:00.000Z',
    };
    await db.patients.put({ ...zhang, sameIdApproval: approval });
    await updatePatient(ctx, ownerActor, zhang.id, { ...zhangSan, phone: '13700009999' }, '');
    expect((await db.patients.get(zhang.id))?.sameIdApproval).toEqual(approval);
  });

  it('a child is registered with a guardian, who is kept and audited like any field', async () => {
    const { ctx, ownerActor, db } = await storeWithOwner();
    const child: PatientInput = {
      ...zhangSan,
      name: '张小明',
      birthDate: '2016-05-04',
      idNumber: withCheck('11010520160504123'),
      cardNumber: '',
    };
    expect(await failure(registerPatient(ctx, ownerActor, child))).toMatchObject({
      reason: 'invalid-input',
    });
    const guardian = { name: '张三', relation: 'parent' as const, phone: '13812345678' };
    const saved = await registerPatient(ctx, ownerActor, { ...child, guardian });
    expect(saved.guardian).toEqual(guardian);
    await updatePatient(
      ctx,
      ownerActor,
      saved.id,
      { ...child, guardian: { ...guardian, phone: '13900001111' } },
      '',
    );
    const update = (await db.auditEvents.where('entityId').equals(saved.id).toArray()).find(
      (e) => e.action === 'update',
    );
    // The guardian's phone is masked in the audit like the patient's.
    expect(JSON.stringify(update?.changes)).not.toContain('13900001111');
    expect((await db.patients.get(saved.id))?.guardian?.phone).toBe('13900001111');
  });

  it('a new phone number needs no reason and is searchable at once', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    await updatePatient(ctx, ownerActor, zhang.id, { ...zhangSan, phone: '13700009999' }, '');
    expect(names(await searchPatients(db, ownerActor, '9999'))).toEqual(['张三']);
    expect(await searchPatients(db, ownerActor, '5678')).toEqual([]);
  });
});

describe('the search box', () => {
  it('finds by the first Chinese characters of the name', async () => {
    const { db, ownerActor } = await storeWithPatients();
    expect(names(await searchPatients(db, ownerActor, '张'))).toEqual(['张三']);
    expect(names(await searchPatients(db, ownerActor, '李四'))).toEqual(['李四']);
  });

  it('finds by full pinyin, by its beginning, and by initials, whatever the case', async () => {
    const { db, ownerActor } = await storeWithPatients();
    expect(names(await searchPatients(db, ownerActor, 'zhangsan'))).toEqual(['张三']);
    expect(names(await searchPatients(db, ownerActor, 'zhang'))).toEqual(['张三']);
    expect(names(await searchPatients(db, ownerActor, 'ZS'))).toEqual(['张三']);
    expect(names(await searchPatients(db, ownerActor, 'ls'))).toEqual(['李四']);
  });

  it('finds by phone number, its beginning, and its last four digits', async () => {
    const { db, ownerActor } = await storeWithPatients();
    expect(names(await searchPatients(db, ownerActor, '138 1234 5678'))).toEqual(['张三']);
    expect(names(await searchPatients(db, ownerActor, '1390000'))).toEqual(['李四']);
    expect(names(await searchPatients(db, ownerActor, '5678'))).toEqual(['张三']);
  });

  it('finds by the last 4, 5 or 6 characters of the ID number, x in either case', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    for (const length of [4, 5, 6]) {
      expect(names(await searchPatients(db, ownerActor, zhang.idNumber.slice(-length)))).toEqual([
        '张三',
      ]);
    }
    // 11010519491231002X is the standard's own example: its check character is X.
    await registerPatient(ctx, ownerActor, {
      ...liSi,
      name: '王五',
      sex: 'female',
      birthDate: '1949-12-31',
      idNumber: '11010519491231002X',
    });
    expect(names(await searchPatients(db, ownerActor, '002x'))).toEqual(['王五']);
    expect(names(await searchPatients(db, ownerActor, '002X'))).toEqual(['王五']);
  });

  it('full-width digits from a Chinese input method are searched as digits', async () => {
    const { db, ownerActor } = await storeWithPatients();
    expect(names(await searchPatients(db, ownerActor, '５６７８'))).toEqual(['张三']);
  });

  it('a patient matching by several keys is listed once, and the limit is kept', async () => {
    const { ctx, ownerActor, db } = await storeWithPatients();
    await registerPatient(ctx, ownerActor, {
      ...liSi,
      name: '张伟',
      sex: 'male',
      birthDate: '1970-01-01',
      idNumber: 'E12345678',
      idType: 'passport',
      phone: '',
    });
    // "z" starts both "zhangsan" and "zs" for 张三.
    expect(names(await searchPatients(db, ownerActor, 'z'))).toEqual(['张三', '张伟']);
    expect(await searchPatients(db, ownerActor, 'z', 1)).toHaveLength(1);
  });

  it('an empty box finds nobody', async () => {
    const { db, ownerActor } = await storeWithPatients();
    expect(await searchPatients(db, ownerActor, '   ')).toEqual([]);
  });

  it('the marks of the backwards keys typed into the box find nobody by them', async () => {
    const { db, ownerActor, zhang } = await storeWithPatients();
    // 张三's phone 138 1234 5678 and ID number are kept backwards behind "<" and ">".
    const backwardsId = [...zhang.idNumber.toLowerCase()].reverse().join('');
    expect(await searchPatients(db, ownerActor, '<8765')).toEqual([]);
    expect(await searchPatients(db, ownerActor, `>${backwardsId.slice(0, 6)}`)).toEqual([]);
    expect(await searchPatients(db, ownerActor, '<>')).toEqual([]);
    // A mark typed by mistake beside the digits is ignored, as a dash is.
    expect(names(await searchPatients(db, ownerActor, '<5678'))).toEqual(['张三']);
  });
});

describe('opening a record and its photo', () => {
  it('every opening of a patient is logged with who opened it (PRODUCT §3.5)', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    await openPatient(ctx, ownerActor, zhang.id);
    await openPatient(ctx, ownerActor, zhang.id);
    const views = await db.auditEvents.filter((event) => event.action === 'view').toArray();
    expect(views).toHaveLength(2);
    expect(views[0]).toMatchObject({
      entity: 'patient',
      entityId: zhang.id,
      actorName: '李娜',
      summary: '张三',
    });
  });

  it('opening a patient that is not there says so', async () => {
    const { ctx, ownerActor } = await storeWithOwner();
    expect(await failure(openPatient(ctx, ownerActor, 'nobody'))).toMatchObject({
      reason: 'not-found',
    });
  });

  it('a photo is stored as an attachment; the audit log names it without its bytes', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3])], { type: 'image/jpeg' });
    const saved = await savePatientPhoto(ctx, ownerActor, zhang.id, photo);
    expect(saved.photoId).toBeDefined();
    const stored = await readPatientPhoto(db, ownerActor, saved.photoId!);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(
      new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]),
    );
    const created = await db.auditEvents.where('entityId').equals(saved.photoId!).first();
    expect(created).toMatchObject({ entity: 'attachment', action: 'create', summary: '张三' });
    expect(created?.changes).toContainEqual({ field: 'blob' });
  });

  it('a photo registered with the patient commits with them', async () => {
    const { ctx, ownerActor, db } = await storeWithOwner();
    const photo = new Blob(['png'], { type: 'image/png' });
    const patient = await registerPatient(ctx, ownerActor, zhangSan, { photo });
    expect((await db.attachments.get(patient.photoId!))?.ownerId).toBe(patient.id);
  });

  it('a file that is not an image is refused', async () => {
    const { ctx, ownerActor, zhang } = await storeWithPatients();
    const text = new Blob(['hello'], { type: 'text/plain' });
    expect(await failure(savePatientPhoto(ctx, ownerActor, zhang.id, text))).toEqual({
      reason: 'photo-invalid',
      field: 'photo',
    });
  });
});

describe('reading patients is checked like writing them', () => {
  const as = (role: Actor['role'] & string): Actor => ({
    staffId: `s-${role}`,
    name: role,
    roles: [role],
    role,
  });

  it('every staff role finds a patient in the search box, and sees the look-alikes and the photo', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    const photo = new Blob(['png'], { type: 'image/png' });
    const { photoId } = await savePatientPhoto(ctx, ownerActor, zhang.id, photo);
    for (const role of ['front-desk', 'clinician', 'pharmacist', 'insurance-officer'] as const) {
      expect(names(await searchPatients(db, as(role), '张'))).toEqual(['张三']);
      expect(await findDuplicates(db, as(role), zhang)).toHaveLength(1);
      expect(await readPatientPhoto(db, as(role), photoId!)).toBeDefined();
    }
  });

  it('the nightly backup, acting as no one, reads no patient', async () => {
    const { ctx, ownerActor, db, zhang } = await storeWithPatients();
    const photo = new Blob(['png'], { type: 'image/png' });
    const { photoId } = await savePatientPhoto(ctx, ownerActor, zhang.id, photo);
    const refused = { reason: 'invalid-input', message: 'an unknown person cannot act' };
    await expect(searchPatients(db, SCHEDULE_ACTOR, '张')).rejects.toMatchObject(refused);
    await expect(findDuplicates(db, SCHEDULE_ACTOR, zhang)).rejects.toMatchObject(refused);
    await expect(readPatientPhoto(db, SCHEDULE_ACTOR, photoId!)).rejects.toMatchObject(refused);
  });
});
