import { afterEach, describe, expect, it, vi } from 'vitest';
import { complaintNoticeText, type ComplaintNotice } from '../../../shared/bridge/complaint-notice';
import { complaintCategories } from '../../../shared/complaints/complaint';
import { complaintsText } from '../features/complaints/complaints-text';
import { browserComplaintNotices } from './browser-notifications';

const NOTICE: ComplaintNotice = {
  complaintId: 'c1',
  level: 'due-soon',
  deadline: 'resolution',
  category: 'privacy',
  dueAt: '2026-11-30T15:59:59.999Z',
  language: 'zh-CN',
};

const stub = (permission: NotificationPermission) => {
  const shown: Array<{ title: string; body?: string; onclick?: () => void }> = [];
  class Recorder {
    static permission = permission;
    onclick?: () => void;
    constructor(title: string, options?: { body?: string }) {
      shown.push(Object.assign(this, { title, body: options?.body }));
    }
    close() {}
  }
  vi.stubGlobal('Notification', Recorder);
  vi.stubGlobal('window', { focus: vi.fn() });
  return shown;
};

describe('complaint notices in browser mode', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('name each category as the complaints screen does, in both languages', () => {
    for (const language of ['zh-CN', 'en'] as const)
      for (const category of complaintCategories)
        expect(complaintNoticeText({ ...NOTICE, category, language }).body).toContain(
          complaintsText[language].category[category],
        );
  });

  it('show nothing unless the person allowed notifications', async () => {
    const shown = stub('default');
    await browserComplaintNotices.show(NOTICE);
    expect(shown).toEqual([]);
  });

  it('show the fixed text when allowed, and a click opens the complaint', async () => {
    const shown = stub('granted');
    const opened = vi.fn();
    const stop = browserComplaintNotices.onOpen(opened);
    await browserComplaintNotices.show(NOTICE);
    expect(shown[0]).toMatchObject({
      title: '投诉即将超时',
      body: '隐私 · 办结时限 2026-11-30 23:59（北京时间）',
    });
    shown[0]!.onclick!();
    expect(opened).toHaveBeenCalledWith('c1');
    stop();
  });
});
