import { describe, expect, it } from 'vitest';
import { diffForAudit, maskIdentifier } from './changes';

describe('what a change changed, for the audit log', () => {
  it('names each changed field with its old and new value', () => {
    expect(
      diffForAudit(
        { displayName: '王芳', role: 'front-desk' },
        { displayName: '王芳', role: 'owner' },
      ),
    ).toEqual([{ field: 'role', from: 'front-desk', to: 'owner' }]);
  });

  it('a new record lists its fields with no old value', () => {
    expect(diffForAudit(undefined, { name: '张三' })).toEqual([{ field: 'name', to: '张三' }]);
  });

  it('says that a password changed without showing either hash', () => {
    const changes = diffForAudit(
      { password: { hash: 'aaa', salt: 'x' } },
      { password: { hash: 'bbb', salt: 'y' } },
      { redact: ['password'] },
    );
    expect(changes).toEqual([{ field: 'password.hash' }, { field: 'password.salt' }]);
    expect(JSON.stringify(changes)).not.toContain('bbb');
  });

  it('keeps the tail and a digest of ID, phone and card numbers, so a change shows but not the number', () => {
    const changes = diffForAudit(
      { phone: '13800138001', idNumber: '11010519491231002X', name: '张三' },
      {
        phone: '13911112222',
        idNumber: '110105194912310037',
        name: '张三',
        content: {
          signer: { idNumber: '440305200001011234' },
          patient: { cardNumber: 'K123456789' },
        },
      },
    );
    expect(changes).toEqual([
      { field: 'phone', from: maskIdentifier('13800138001'), to: maskIdentifier('13911112222') },
      {
        field: 'idNumber',
        from: maskIdentifier('11010519491231002X'),
        to: maskIdentifier('110105194912310037'),
      },
      { field: 'content.signer.idNumber', to: maskIdentifier('440305200001011234') },
      { field: 'content.patient.cardNumber', to: maskIdentifier('K123456789') },
    ]);
    expect(maskIdentifier('13911112222')).toMatch(/^…2222 #[0-9a-f]{6}$/);
    // One number, one mask; two numbers with one tail still differ.
    expect(maskIdentifier('13911112222')).toBe(maskIdentifier('13911112222'));
    expect(maskIdentifier('13911112222')).not.toBe(maskIdentifier('13811112222'));
    for (const number of ['13911112222', '110105194912310037', '440305200001011234', 'K123456789'])
      expect(JSON.stringify(changes)).not.toContain(number);
  });

  it('names a stored file (a photo) without showing its bytes', () => {
    const photo = new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' });
    expect(
      diffForAudit(undefined, { mime: 'image/jpeg', blob: photo }, { redact: ['blob'] }),
    ).toEqual([{ field: 'mime', to: 'image/jpeg' }, { field: 'blob' }]);
  });

  it('looks inside settings groups, and skips bookkeeping fields', () => {
    expect(
      diffForAudit(
        { value: { lockMinutes: 10 }, hlc: '1', updatedAt: 'a' },
        { value: { lockMinutes: 5 }, hlc: '2', updatedAt: 'b' },
        { ignore: ['hlc', 'updatedAt'] },
      ),
    ).toEqual([{ field: 'value.lockMinutes', from: '10', to: '5' }]);
  });

  it('shortens very long values', () => {
    const [change] = diffForAudit({ notes: '' }, { notes: '长'.repeat(1000) });
    expect(change!.to!.length).toBeLessThanOrEqual(200);
  });
});
