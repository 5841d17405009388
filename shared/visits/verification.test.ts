import { describe, expect, it } from 'vitest';
import {
  normalizeDocumentNumber,
  offlineEligibility,
  verificationSchema,
  verifyBlockers,
} from './verification';

const allSeen = {
  documentPresented: true,
  documentMatches: true,
  cardMethod: 'typed' as const,
  cardMatches: true,
  personConfirmed: true,
  insured: true,
};

describe('what a "verified" check needs (证、卡、人)', () => {
  it('nothing stands in the way when document, card and person were all checked', () => {
    expect(verifyBlockers(allSeen)).toEqual([]);
  });

  it('each missing or mismatched part is named', () => {
    expect(verifyBlockers({ ...allSeen, documentPresented: false })).toEqual([
      'document-not-presented',
    ]);
    expect(verifyBlockers({ ...allSeen, documentMatches: undefined })).toEqual([
      'document-not-compared',
    ]);
    expect(verifyBlockers({ ...allSeen, documentMatches: false })).toEqual(['document-mismatch']);
    expect(verifyBlockers({ ...allSeen, cardMethod: 'none', cardMatches: undefined })).toEqual([
      'card-not-presented',
    ]);
    expect(verifyBlockers({ ...allSeen, cardMatches: false })).toEqual(['card-mismatch']);
    expect(verifyBlockers({ ...allSeen, personConfirmed: false })).toEqual([
      'person-not-confirmed',
    ]);
  });

  it('an uninsured (自费) patient has no card to show', () => {
    expect(
      verifyBlockers({ ...allSeen, insured: false, cardMethod: 'none', cardMatches: undefined }),
    ).toEqual([]);
  });
});

describe('the ID number at the desk', () => {
  it('a legacy 15-digit number compares with its stored 18-digit form', () => {
    expect(normalizeDocumentNumber('resident', '110105491231002')).toBe('11010519491231002X');
    expect(normalizeDocumentNumber('resident', ' 11010519491231002x ')).toBe('11010519491231002X');
  });
});

describe('eligibility without a network (§1.3)', () => {
  it('is unknown and needs a re-check when never checked online', () => {
    expect(offlineEligibility([])).toEqual({
      status: 'unknown',
      online: false,
      recheckNeeded: true,
    });
  });

  it('carries the newest online status forward, still marked for re-checking', () => {
    expect(
      offlineEligibility([
        {
          eligibility: {
            status: 'lapsed',
            checkedAt: '2026-01-01T00:00:00Z',
            online: true,
            recheckNeeded: false,
          },
        },
        {
          eligibility: {
            status: 'active',
            checkedAt: '2026-06-01T00:00:00Z',
            online: true,
            recheckNeeded: false,
          },
        },
        { eligibility: { status: 'unknown', online: false, recheckNeeded: true } },
      ]),
    ).toEqual({
      status: 'active',
      checkedAt: '2026-06-01T00:00:00Z',
      online: false,
      recheckNeeded: true,
    });
  });
});

describe('the verification record', () => {
  const provenance = {
    createdAt: 'x',
    createdBy: 'x',
    updatedAt: 'x',
    updatedBy: 'x',
    deviceId: 'd',
    hlc: 'h',
  };
  it('a re-confirmation is a positive check by the clinician or the pharmacist', () => {
    const parsed = verificationSchema.safeParse({
      id: 'v',
      visitId: 'visit',
      patientId: 'p',
      at: '2026-11-22T01:00:00Z',
      by: 's',
      stage: 'pharmacist',
      personConfirmed: true,
      outcome: 'verified',
      ...provenance,
    });
    expect(parsed.success).toBe(true);
  });
});
