import { describe, expect, it, vi } from 'vitest';
import { complaintNoticeIpc, type ComplaintNotice } from '../../shared/bridge/complaint-notice';
import { fakeIpcMain, topFrame } from '../testing/fake-electron';
import { appSchemeUrlPolicy } from './app-url';
import { registerComplaintNoticeIpc, type NotificationLike } from './complaint-notice-ipc';
import { IpcRejection } from './ipc';

const fromApp = topFrame('app://clinicdesk/index.html#/today');
const NOTICE: ComplaintNotice = {
  complaintId: 'c-01HZY',
  level: 'due-soon',
  deadline: 'first-contact',
  category: 'insurance-billing',
  dueAt: '2026-11-26T02:00:00.000Z',
  language: 'zh-CN',
};

const setUp = () => {
  const ipcMain = fakeIpcMain();
  const shown: { title: string; body: string }[] = [];
  const clicks: Array<() => void> = [];
  const notify = vi.fn((options: { title: string; body: string }): NotificationLike => {
    const notification = {
      on: (_event: 'click', listener: () => void) => clicks.push(listener),
      show: () => shown.push(options),
    };
    return notification;
  });
  const onClick = vi.fn();
  registerComplaintNoticeIpc(ipcMain, { notify, onClick }, appSchemeUrlPolicy.isAppUrl);
  return { ipcMain, shown, clicks, notify, onClick };
};

describe('complaint notification IPC from the ClinicDesk page', () => {
  it('handles exactly the show channel', () => {
    expect(setUp().ipcMain.channels()).toEqual([complaintNoticeIpc.show.channel]);
  });

  it('shows a fixed-format notice in Chinese and in English, and a click opens the complaint', async () => {
    const { ipcMain, shown, clicks, onClick } = setUp();
    await ipcMain.invoke(complaintNoticeIpc.show.channel, fromApp, NOTICE);
    expect(shown[0]).toEqual({
      title: '投诉即将超时',
      body: '医保结算/收费 · 首次联系时限 2026-11-26 10:00（北京时间）',
      silent: false,
    });
    await ipcMain.invoke(complaintNoticeIpc.show.channel, fromApp, {
      ...NOTICE,
      level: 'overdue',
      deadline: 'resolution',
      language: 'en',
    });
    expect(shown[1]).toMatchObject({
      title: 'A complaint is overdue',
      body: 'Insurance / billing · resolution due 2026-11-26 10:00 (Beijing time)',
    });
    clicks[0]!();
    expect(onClick).toHaveBeenCalledWith('c-01HZY');
  });

  it.each([
    ['a complainant’s name slipped in', { ...NOTICE, name: '张先生' }],
    ['a phone number for a category', { ...NOTICE, category: '13800138000' }],
    ['free text for a title', { ...NOTICE, level: '张先生投诉' }],
    ['an id that is a sentence', { ...NOTICE, complaintId: '张先生 13800138000' }],
    ['a date without its offset', { ...NOTICE, dueAt: '2026-11-26 10:00' }],
    ['nothing', undefined],
  ])('refuses %s, and no notification is shown', async (_name, input) => {
    const { ipcMain, notify } = setUp();
    await expect(ipcMain.invoke(complaintNoticeIpc.show.channel, fromApp, input)).rejects.toThrow(
      IpcRejection,
    );
    expect(notify).not.toHaveBeenCalled();
  });

  it('never puts a person in the text, whatever the valid notice', async () => {
    const { ipcMain, shown } = setUp();
    for (const level of ['due-soon', 'overdue'] as const)
      for (const language of ['zh-CN', 'en'] as const)
        await ipcMain.invoke(complaintNoticeIpc.show.channel, fromApp, {
          ...NOTICE,
          level,
          language,
        });
    for (const { title, body } of shown) {
      expect(`${title} ${body}`).not.toMatch(/张|1[3-9]\d{9}|c-01HZY/);
    }
  });

  it('answers no other page', async () => {
    const { ipcMain, notify } = setUp();
    await expect(
      ipcMain.invoke(complaintNoticeIpc.show.channel, topFrame('https://example.com/'), NOTICE),
    ).rejects.toThrow(IpcRejection);
    expect(notify).not.toHaveBeenCalled();
  });
});
