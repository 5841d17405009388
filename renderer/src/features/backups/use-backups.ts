import { useEffect, useState } from 'react';
import type { BackupStatus } from '../../../../shared/bridge/backup-host';
import { useServices } from '../../app/services';
import { isSetupDone } from '../../db/setup';
import { SCHEDULE_ACTOR } from '../../db/system-actors';
import { backupHost } from '../../platform/backup-host';
import { backUp, refreshBackupStatus, useBackupState } from './backup-state';

/** The host's status, loaded when a view that shows it mounts and after every change. */
export const useBackupStatus = (): BackupStatus | undefined => {
  const status = useBackupState((state) => state.status);
  useEffect(() => {
    refreshBackupStatus(backupHost()).catch((error: unknown) => console.error(error));
  }, []);
  return status;
};

/** The clinic clock's "now", read again every minute (the injected clock, never Date.now()). */
export const useNow = (everyMs = 60_000): number => {
  const { clock } = useServices();
  const [now, setNow] = useState(() => clock.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(clock.now()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
};

/**
 * Runs the scheduled backup whenever the host says one is owed, while the app is open, whoever
 * is logged in (or nobody). The host decides when; a failure is in the history and the banner.
 */
export const useScheduledBackups = (): void => {
  const services = useServices();
  useEffect(() => {
    const host = backupHost();
    return host.onDue(() => {
      // Before setup there is nothing to back up, and an empty backup must not rotate out the
      // clinic's real ones (a new PC given the old backup folder), nor its audit event make the
      // empty store look as if it held data (restore.ts: safetyBackupNeeded).
      const run = async () => {
        if (await isSetupDone(services)) await backUp(services, host, 'scheduled', SCHEDULE_ACTOR);
      };
      run().catch((error: unknown) => console.error(error));
    });
  }, [services]);
};

/** Mounted once beside the app: it only schedules, it shows nothing. */
export const BackupScheduler = () => {
  useScheduledBackups();
  return null;
};
