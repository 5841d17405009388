import { describe, expect, it } from 'vitest';
import { diffForAudit } from './changes';

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
