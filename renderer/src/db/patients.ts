import {
  blobFacts,
  IMAGE_TYPES,
  MAX_PHOTO_BYTES,
  type Attachment,
} from '../../../shared/attachments/attachment';
import { today } from '../../../shared/clock/calendar-date';
import { AppError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import type { Provenance } from '../../../shared/record';
import {
  patientDerivedKeys,
  ID_TAIL_MARK,
  PHONE_TAIL_MARK,
  tailSearchKeys,
  type Patient,
  type SameIdApproval,
} from '../../../shared/patients/patient';
import {
  identityChanged,
  patientInputSchema,
  type PatientDetails,
  type PatientInput,
  type PatientProblem,
} from '../../../shared/patients/patient-input';
import { duplicateGate, type DuplicateMatch } from '../../../shared/patients/duplicates';
import { logRecordView } from './audit';
import { authorizeOfficer, type OfficerLogin } from './officer-login';
import type { ClinicDb } from './database';
import { refuseMergedAway, standingPatients } from './patient-merge';
import { pinyinReadings } from './pinyin';
import {
  type Actor,
  authorize,
  recordKeepingTables,
  type StoreContext,
  withoutProvenance,
  writeRecord,
} from './write';

const REASON_MAX = 200;

const PATIENT_TABLES = (db: ClinicDb) => [db.patients, db.attachments, ...recordKeepingTables(db)];

const ID_PROBLEMS = new Set<PatientProblem>([
  'id-length',
  'id-characters',
  'id-date',
  'id-future-date',
  'id-check-character',
  'id-prefix',
  'id-format',
]);

const reasonFor = (problem: string) =>
  ID_PROBLEMS.has(problem as PatientProblem)
    ? 'id-number-invalid'
    : problem === 'sex-mismatch' || problem === 'birth-date-mismatch'
      ? 'identity-mismatch'
      : 'invalid-input';

/**
 * Checks what was typed by the form's own rules: the first problem names its field, and the
 * developer message carries the precise problem ("id-check-character").
 */
export const parsePatientInput = (ctx: StoreContext, input: PatientInput): PatientDetails => {
  const parsed = patientInputSchema(today(ctx.clock)).safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = (issue?.path ?? []).join('.');
  const problem = issue?.message ?? 'invalid';
  throw new AppError(reasonFor(problem), problem, field);
};

export type PossibleDuplicate = { patient: Patient; matches: DuplicateMatch[] };

export type DuplicateCandidate = Pick<Patient, 'idNumber' | 'name' | 'birthDate'> & {
  cardNumber?: string;
};

/**
 * Other patients with the same (normalized) ID number, the same card number, or the same name and
 * birth date. Three index lookups, each returning a handful of rows: no scan, even at 100k.
 */
const duplicatesOf = async (
  db: ClinicDb,
  candidate: DuplicateCandidate,
  excludeId?: string,
): Promise<PossibleDuplicate[]> => {
  const [byId, byCard, byName] = await Promise.all([
    db.patients.where('idNumber').equals(candidate.idNumber).toArray(),
    candidate.cardNumber
      ? db.patients.where('cardNumber').equals(candidate.cardNumber).toArray()
      : Promise.resolve([]),
    db.patients.where('name').equals(candidate.name).toArray(),
  ]);
  const found = new Map<string, PossibleDuplicate>();
  // A record merged into another is that other record: only the survivor is a duplicate.
  const standing = new Set(
    (await standingPatients(db, [...byId, ...byCard, ...byName])).map((p) => p.id),
  );
  const add = (patient: Patient, match: DuplicateMatch) => {
    if (patient.id === excludeId || !standing.has(patient.id)) return;
    const entry = found.get(patient.id) ?? { patient, matches: [] };
    entry.matches.push(match);
    found.set(patient.id, entry);
  };
  for (const patient of byId) add(patient, 'id-number');
  for (const patient of byCard) add(patient, 'card-number');
  for (const patient of byName)
    if (patient.birthDate === candidate.birthDate) add(patient, 'name-birth-date');
  return [...found.values()];
};

/** `duplicatesOf` for a screen: the look-alikes are other patients' records (`patient.view`). */
export const findDuplicates = async (
  db: ClinicDb,
  actor: Actor,
  candidate: DuplicateCandidate,
  excludeId?: string,
): Promise<PossibleDuplicate[]> => {
  authorize(actor, 'patient.view');
  return duplicatesOf(db, candidate, excludeId);
};

const HAN = /\p{Script=Han}/u;

/**
 * Patients with a search key starting with `key`, each once, in index order. The same as
 * `.distinct().limit(limit).toArray()`, which walks a cursor row by row (one round trip to
 * IndexedDB per row); instead, primary keys in one batch, then the rows in one batch. A patient
 * can match through several keys ("z": zhangwei and zw), so more keys are read than rows wanted.
 */
const distinctKeyMatches = async (db: ClinicDb, key: string, limit: number): Promise<Patient[]> => {
  for (let cap = limit * 2; ; cap *= 4) {
    const ids = await db.patients.where('find').startsWith(key).limit(cap).primaryKeys();
    const unique = [...new Set(ids)];
    if (unique.length >= limit || ids.length < cap) {
      const rows = await db.patients.bulkGet(unique.slice(0, limit));
      return rows.filter((row): row is Patient => row !== undefined);
    }
  }
};

/**
 * Matches of the typed key as it is (pinyin, initials, a phone number's start), then of its
 * tails (a phone number's last four digits, an ID number's last 4–6 characters), each patient
 * once.
 */
const keyMatches = async (db: ClinicDb, key: string, limit: number): Promise<Patient[]> => {
  const found = new Map<string, Patient>();
  for (const prefix of [key, ...tailSearchKeys(key)]) {
    // Asked for `limit` each time: a patient found already may come again through a tail.
    for (const patient of await distinctKeyMatches(db, prefix, limit)) {
      if (found.size >= limit) return [...found.values()];
      found.set(patient.id, patient);
    }
  }
  return [...found.values()];
};

/**
 * The front desk's one search box, indexed only. Chinese characters search names by prefix
 * ("张" finds every 张); anything else searches the lower-case search keys by prefix: full pinyin
 * ("zhangsan"), initials ("zs"), the phone number or its last four digits, the ID number's last
 * 4–6 characters. `distinct` because one patient can match through several keys.
 */
export const searchPatients = async (
  db: ClinicDb,
  actor: Actor,
  query: string,
  limit = 50,
): Promise<Patient[]> => {
  authorize(actor, 'patient.view');
  // NFKC turns an input method's full-width digits and letters into the ASCII the keys hold.
  const text = query.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return [];
  // Dashes are ignored, and so are the marks the backwards keys begin with: what is typed is
  // never one of those keys, only its tail (tailSearchKeys).
  const key = text
    .toLowerCase()
    .replace(/-/g, '')
    .replaceAll(PHONE_TAIL_MARK, '')
    .replaceAll(ID_TAIL_MARK, '');
  if (key === '') return [];
  const found = HAN.test(text)
    ? await db.patients.where('name').startsWith(text).limit(limit).toArray()
    : await keyMatches(db, key, limit);
  // A merged-away record is found as the record it was merged into, which has the same keys.
  return standingPatients(db, found);
};

type PatientRow = Omit<Patient, keyof Provenance>;

/** The stored row: empty optional fields are left out rather than kept as `undefined`. */
const patientRow = (id: string, details: PatientDetails, photoId?: string): PatientRow => {
  const row = {
    id,
    ...details,
    photoId,
    ...patientDerivedKeys(details, pinyinReadings),
  };
  return Object.fromEntries(
    Object.entries(row).filter(([, value]) => value !== undefined),
  ) as unknown as PatientRow;
};

const writePatient = (
  ctx: StoreContext,
  actor: Actor,
  row: PatientRow,
  before: Patient | undefined,
  reason?: string,
) =>
  writeRecord<Patient>(ctx, {
    table: 'patients',
    row,
    before,
    ignore: ['searchKeys', 'find'],
    audit: {
      actor,
      action: before ? 'update' : 'create',
      entity: 'patient',
      summary: row.name,
      reason,
    },
  });

const checkPhoto = (blob: Blob) => {
  if (!(IMAGE_TYPES as readonly string[]).includes(blob.type) || blob.size > MAX_PHOTO_BYTES) {
    throw new AppError('photo-invalid', `photo ${blob.type} of ${blob.size} bytes`, 'photo');
  }
};

/** A photo's bytes with their hash, read before the transaction (reading a Blob is not IndexedDB). */
type PhotoBytes = { blob: Blob; blobHash: string; size: number };

const photoBytes = async (blob: Blob): Promise<PhotoBytes> => ({
  blob,
  ...(await blobFacts(blob)),
});

/** The photo row; the blob's bytes never go into the audit log or its `changes`. */
const writePhoto = (
  ctx: StoreContext,
  actor: Actor,
  owner: Pick<Patient, 'id' | 'name'>,
  { blob, blobHash, size }: PhotoBytes,
) =>
  writeRecord<Attachment>(ctx, {
    table: 'attachments',
    row: {
      id: newId(ctx.clock),
      ownerId: owner.id,
      kind: 'patient-photo',
      mime: blob.type,
      blob,
      blobHash,
      size,
    },
    before: undefined,
    redact: ['blob'],
    audit: { actor, action: 'create', entity: 'attachment', summary: owner.name },
  });

/**
 * On an edit: look-alikes the change newly makes are refused unless the desk accepts them with a
 * reason; another patient's resident ID number is refused outright (two records for one person
 * are only ever made at registration, with an officer's approval).
 */
const refuseDuplicates = async (
  db: ClinicDb,
  details: PatientDetails,
  before: Patient,
  accept: { acceptDuplicates?: boolean; reason: string },
) => {
  const found = await duplicatesOf(db, details, before.id);
  // On an edit, only what changed can newly collide: an old pair of look-alikes must not block
  // a change of phone number.
  const changed = (match: DuplicateMatch) =>
    (match === 'id-number' && before.idNumber !== details.idNumber) ||
    (match === 'card-number' && before.cardNumber !== details.cardNumber) ||
    (match === 'name-birth-date' &&
      (before.name !== details.name || before.birthDate !== details.birthDate));
  const newly = found
    .map((d) => ({ ...d, matches: d.matches.filter(changed) }))
    .filter((d) => d.matches.length > 0);
  const gate = duplicateGate(details.idType, newly);
  if (gate === 'clear') return;
  if (!accept.acceptDuplicates)
    throw new AppError('possible-duplicate', `${newly.length} possible duplicates`);
  if (gate === 'officer') throw new AppError('same-id-number', 'a resident ID number on file');
  requireDuplicateReason(accept.reason);
};

export type RegisterOptions = {
  /** The person at the desk has seen the possible duplicates and confirmed this is someone else. */
  acceptDuplicates?: boolean;
  /** Why the desk is sure it is someone else: required with `acceptDuplicates`, audited. */
  duplicateReason?: string;
  /**
   * For a resident ID number already on file: the insurance officer's or owner's own login, who
   * allows a second record (with `duplicateReason`); both records are flagged.
   */
  secondRecord?: OfficerLogin;
  photo?: Blob;
};

const requireDuplicateReason = (reason: string | undefined): string => {
  const why = reason?.trim() ?? '';
  if (why === '') throw new AppError('duplicate-reason-required', 'no reason', 'duplicateReason');
  if (why.length > REASON_MAX)
    throw new AppError('invalid-input', 'reason too long', 'duplicateReason');
  return why;
};

/** Marks each record already holding this resident ID number as sharing it with the new one. */
const flagOthers = async (
  ctx: StoreContext,
  actor: Actor,
  others: readonly Patient[],
  approval: SameIdApproval,
  newId: string,
) => {
  for (const other of others) {
    const otherIds = [...new Set([...(other.sameIdApproval?.otherIds ?? []), newId])];
    await writePatient(
      ctx,
      actor,
      { ...withoutProvenance(other), sameIdApproval: { ...approval, otherIds } },
      other,
      approval.reason,
    );
  }
};

/** A first-visit registration (PRODUCT.md §1.2), with its photo, in one transaction. */
export const registerPatient = async (
  ctx: StoreContext,
  actor: Actor,
  input: PatientInput,
  options: RegisterOptions = {},
): Promise<Patient> => {
  actor = authorize(actor, 'patient.register');
  const details = parsePatientInput(ctx, input);
  if (options.photo) checkPhoto(options.photo);
  const photo = options.photo ? await photoBytes(options.photo) : undefined;
  // PBKDF2 runs on WebCrypto, which must not be awaited inside an IndexedDB transaction.
  const officer =
    options.acceptDuplicates && options.secondRecord
      ? await authorizeOfficer(ctx, options.secondRecord)
      : undefined;
  const id = newId(ctx.clock);
  // Duplicate check, photo and patient commit together: no second registration can slip between.
  return ctx.db.transaction('rw', PATIENT_TABLES(ctx.db), async () => {
    const found = await duplicatesOf(ctx.db, details);
    const gate = duplicateGate(details.idType, found);
    if (gate !== 'clear' && !options.acceptDuplicates)
      throw new AppError('possible-duplicate', `${found.length} possible duplicates`);
    const reason = gate === 'clear' ? undefined : requireDuplicateReason(options.duplicateReason);
    if (gate === 'officer' && !officer)
      throw new AppError('same-id-number', 'a resident ID number on file', 'overrideUsername');
    const sameId = found.filter((d) => d.matches.includes('id-number')).map((d) => d.patient);
    const approval: SameIdApproval | undefined =
      gate === 'officer' && officer && reason
        ? {
            otherIds: sameId.map((p) => p.id),
            reason,
            approvedBy: officer.id,
            approvedAt: new Date(ctx.clock.now()).toISOString(),
          }
        : undefined;
    const written = photo
      ? await writePhoto(ctx, actor, { id, name: details.name }, photo)
      : undefined;
    const row = patientRow(id, details, written?.id);
    const created = await writePatient(
      ctx,
      actor,
      approval ? { ...row, sameIdApproval: approval } : row,
      undefined,
      gate === 'clear' ? undefined : reason,
    );
    if (approval) await flagOthers(ctx, actor, sameId, approval, id);
    return created;
  });
};

/** Patient fields no form edits: an edit keeps them as they are. */
const NOT_IN_FORM = [
  'sameIdApproval',
  'mergedInto',
  'mergedAt',
  'mergedBy',
  'mergeReason',
] as const satisfies readonly (keyof Patient)[];

const loadPatient = async (db: ClinicDb, id: string): Promise<Patient> => {
  const patient = await db.patients.get(id);
  if (!patient) throw new AppError('not-found', 'no such patient');
  return patient;
};

/**
 * Changes a registration. PRODUCT.md §7.2: a change of name, ID type or ID number needs a reason;
 * the audit event keeps it beside each field's old and new value.
 */
export const updatePatient = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
  input: PatientInput,
  reason: string,
  options: { acceptDuplicates?: boolean } = {},
): Promise<Patient> => {
  actor = authorize(actor, 'patient.edit-identity');
  const details = parsePatientInput(ctx, input);
  const why = reason.trim();
  if (why.length > REASON_MAX) throw new AppError('invalid-input', 'reason too long', 'reason');
  return ctx.db.transaction('rw', PATIENT_TABLES(ctx.db), async () => {
    const before = await loadPatient(ctx.db, id);
    await refuseMergedAway(ctx.db, before);
    if (identityChanged(before, details) && why === '') {
      throw new AppError('reason-required', 'identity change without a reason', 'reason');
    }
    await refuseDuplicates(ctx.db, details, before, { ...options, reason: why });
    // What the form does not show stays as it was: the photo, an approved second record's mark,
    // and a merge pointer (a survivor of opposite merges still carries its own).
    const kept = Object.fromEntries(
      NOT_IN_FORM.filter((field) => before[field] !== undefined).map((f) => [f, before[f]]),
    );
    const row = { ...patientRow(id, details, before.photoId), ...kept };
    return writePatient(ctx, actor, row, before, why || undefined);
  });
};

/** A new photo for the 人 check; the previous one stays, as verifications were made against it. */
export const savePatientPhoto = async (
  ctx: StoreContext,
  actor: Actor,
  patientId: string,
  blob: Blob,
): Promise<Patient> => {
  actor = authorize(actor, 'patient.edit-identity');
  checkPhoto(blob);
  const bytes = await photoBytes(blob);
  // The photo and the patient's pointer to it commit together: never a photo nobody points at.
  return ctx.db.transaction('rw', PATIENT_TABLES(ctx.db), async () => {
    const before = await loadPatient(ctx.db, patientId);
    await refuseMergedAway(ctx.db, before);
    const photo = await writePhoto(ctx, actor, before, bytes);
    return writePatient(ctx, actor, { ...withoutProvenance(before), photoId: photo.id }, before);
  });
};

/** Opens a patient's record: PRODUCT.md §3.5, every opening is logged. */
export const openPatient = async (
  ctx: StoreContext,
  actor: Actor,
  id: string,
): Promise<Patient> => {
  actor = authorize(actor, 'patient.view');
  const patient = await loadPatient(ctx.db, id);
  await logRecordView(ctx, actor, 'patient', id, patient.name);
  return patient;
};

/** The photo's bytes, for a record already opened (and logged) with `openPatient`. */
export const readPatientPhoto = async (
  db: ClinicDb,
  actor: Actor,
  photoId: string,
): Promise<Blob | undefined> => {
  authorize(actor, 'patient.view');
  const attachment = await db.attachments.get(photoId);
  return attachment?.kind === 'patient-photo' ? attachment.blob : undefined;
};

/**
 * A photo's bytes, or that its row is here but its bytes are still on their way from the hub
 * (another PC took it; the engine fetches them after the pull).
 */
export const readPatientPhotoState = async (
  db: ClinicDb,
  actor: Actor,
  photoId: string,
): Promise<{ blob?: Blob; arriving: boolean }> => {
  authorize(actor, 'patient.view');
  const attachment = await db.attachments.get(photoId);
  if (attachment?.kind !== 'patient-photo') return { arriving: false };
  return attachment.blob ? { blob: attachment.blob, arriving: false } : { arriving: true };
};
