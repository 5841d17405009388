import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../shared/clock/clock';
import { createBackupScheduler, LONGEST_WAIT_MS } from './backup-scheduler';
import { fakeTimers } from './testing/fakes';

const at = (iso: string) => Date.parse(iso);

/** A PC running ClinicDesk with a scheduler; backups made when told, the PC switched off and on. */
const clinicPc = (start: string, lastGood?: string) => {
  const clock = manualClock(start);
  const timers = fakeTimers(clock);
  const dues: string[] = [];
  let lastGoodAt = lastGood ? at(lastGood) : undefined;
  let dailyTime = '18:30';
  const boot = () =>
    createBackupScheduler({
      clock,
      timers,
      timeZone: 'Asia/Shanghai',
      dailyTime: () => dailyTime,
      lastGoodAt: () => lastGoodAt,
      onDue: () => dues.push(new Date(clock.now()).toISOString()),
    });
  let scheduler = boot();
  scheduler.start();
  return {
    dues,
    clock,
    timers,
    scheduler: () => scheduler,
    runUntil: (to: string | number) => timers.advanceTo(to),
    backUpNow: () => {
      lastGoodAt = clock.now();
      scheduler.rearm();
    },
    setDailyTime: (time: string) => {
      dailyTime = time;
      scheduler.rearm();
    },
    switchOff: () => scheduler.stop(),
    switchOnAt: (iso: string) => {
      clock.set(iso);
      scheduler = boot();
      scheduler.start();
    },
  };
};

describe('the daily backup schedule', () => {
  it('says a backup is due at 18:30 every day, exactly then, when each is made at once', () => {
    const pc = clinicPc('2026-11-23T08:00:00+08:00', '2026-11-22T18:31:00+08:00');
    expect(pc.dues).toEqual([]);
    for (const day of ['23', '24', '25']) {
      pc.runUntil(`2026-11-${day}T18:30:00+08:00`);
      pc.backUpNow();
    }
    pc.runUntil('2026-11-26T08:00:00+08:00');
    expect(pc.dues).toEqual([
      '2026-11-23T10:30:00.000Z',
      '2026-11-24T10:30:00.000Z',
      '2026-11-25T10:30:00.000Z',
    ]);
  });

  it('PC off at 18:30: due once at the next start, then at 18:30 again', () => {
    const pc = clinicPc('2026-11-24T08:00:00+08:00', '2026-11-23T18:31:00+08:00');
    pc.runUntil('2026-11-24T17:00:00+08:00');
    pc.switchOff(); // the receptionist leaves early, on Tuesday, and Wednesday is a day off
    pc.switchOnAt('2026-11-26T08:05:00+08:00');
    expect(pc.dues).toEqual(['2026-11-26T00:05:00.000Z']);

    pc.runUntil('2026-11-26T18:00:00+08:00'); // the catch-up backup failed: no second "due" today
    expect(pc.dues).toHaveLength(1);
    pc.runUntil('2026-11-26T18:30:00+08:00');
    expect(pc.dues).toEqual(['2026-11-26T00:05:00.000Z', '2026-11-26T10:30:00.000Z']);
  });

  it('a catch-up backup made at start covers the missed days: nothing more until 18:30', () => {
    const pc = clinicPc('2026-11-30T09:00:00+08:00', '2026-11-20T18:30:00+08:00');
    expect(pc.dues).toEqual(['2026-11-30T01:00:00.000Z']);
    pc.backUpNow();
    pc.runUntil('2026-11-30T18:29:59+08:00');
    expect(pc.dues).toHaveLength(1);
  });

  it('the very first start of a new install asks for a backup at once', () => {
    expect(clinicPc('2026-11-23T10:00:00+08:00').dues).toEqual(['2026-11-23T02:00:00.000Z']);
  });

  it('re-arming after a failed backup or a settings change does not say "due" twice', () => {
    const pc = clinicPc('2026-11-23T18:29:00+08:00', '2026-11-22T18:31:00+08:00');
    pc.runUntil('2026-11-23T18:30:00+08:00');
    pc.scheduler().rearm();
    pc.setDailyTime('18:15');
    expect(pc.dues).toEqual(['2026-11-23T10:30:00.000Z']);
  });

  it('moving the time earlier than now, with no backup since, makes one due at once', () => {
    const pc = clinicPc('2026-11-23T13:00:00+08:00', '2026-11-22T18:31:00+08:00');
    pc.setDailyTime('12:00');
    expect(pc.dues).toEqual(['2026-11-23T05:00:00.000Z']);
    pc.runUntil('2026-11-24T11:59:00+08:00');
    expect(pc.dues).toHaveLength(1);
  });

  it('a new page is told again: the one that heard it is gone', () => {
    const pc = clinicPc('2026-11-23T10:00:00+08:00', '2026-11-20T18:31:00+08:00');
    pc.scheduler().start();
    expect(pc.dues).toHaveLength(2);
  });

  it('looks at the clock every few minutes, so sleep or a clock change cannot make it miss 18:30', () => {
    const pc = clinicPc('2026-11-23T08:00:00+08:00', '2026-11-22T18:31:00+08:00');
    expect(pc.timers.pendingCount()).toBe(1);
    pc.runUntil(at('2026-11-23T08:00:00+08:00') + LONGEST_WAIT_MS - 1);
    expect(pc.timers.pendingCount()).toBe(1);
    // The PC slept through 18:30; the first look after waking sees the backup owed.
    pc.clock.set('2026-11-23T21:00:00+08:00');
    pc.runUntil(at('2026-11-23T21:00:00+08:00') + LONGEST_WAIT_MS);
    expect(pc.dues).toHaveLength(1);
  });

  it('stops for good when stopped', () => {
    const pc = clinicPc('2026-11-23T08:00:00+08:00', '2026-11-22T18:31:00+08:00');
    pc.switchOff();
    pc.scheduler().rearm();
    pc.runUntil('2026-11-25T08:00:00+08:00');
    expect(pc.dues).toEqual([]);
    expect(pc.timers.pendingCount()).toBe(0);
  });
});
