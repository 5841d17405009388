import { Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState } from 'react';
import { HashRouter, useNavigate } from 'react-router';
import { DEFAULT_SECURITY } from '../../../shared/settings/settings';
import type { Staff } from '../../../shared/staff/staff';
import { recordSessionEvent } from '../db/session';
import { readSetting } from '../db/settings';
import { isSetupDone } from '../db/setup';
import { RecoveryCodeScreen } from '../features/recovery/recovery-code-sheet';
import { ChangePasswordScreen } from '../features/session/change-password-screen';
import { LockScreen } from '../features/session/lock-screen';
import { LoginScreen } from '../features/session/login-screen';
import { useIdleLock } from '../features/session/use-idle-lock';
import {
  forgetKeptSession,
  useKeptSession,
  useResumeSession,
} from '../features/session/use-kept-session';
import { SetupSteps } from '../features/setup/setup-steps';
import { SetupWizard } from '../features/setup/setup-wizard';
import { LeaveGuardProvider, useGuardedNavigate } from '../ui/leave-guard';
import { useServices } from './services';
import { useSession } from './session-store';
import { Shell } from './shell';

/** The signed-in part: shell, idle lock, menu commands, and the lock overlay above it all. */
const Workspace = ({ staff }: { staff: Staff }) => {
  const services = useServices();
  const navigate = useNavigate();
  const leaveTo = useGuardedNavigate();
  const { locked, lock, unlock, signOut } = useSession();
  const security = useLiveQuery(() => readSetting(services.db, 'security'), [services.db]);
  const lockMinutes = (security ?? DEFAULT_SECURITY).lockMinutes;

  const lockNow = useCallback(() => {
    if (useSession.getState().locked) return;
    forgetKeptSession();
    lock();
    void recordSessionEvent(services, staff, 'lock');
  }, [lock, services, staff]);

  const logout = useCallback(() => {
    forgetKeptSession();
    void recordSessionEvent(services, staff, 'logout');
    signOut();
    navigate('/today');
  }, [services, staff, signOut, navigate]);

  useIdleLock(lockMinutes, !locked, lockNow);
  useKeptSession(staff.id, locked, lockMinutes);

  useEffect(
    () =>
      services.bridge.onMenuCommand((command) => {
        if (command === 'lock') lockNow();
        else if (command === 'logout') logout();
        else if (!useSession.getState().locked)
          leaveTo(command === 'open-audit' ? '/audit' : '/settings');
      }),
    [services.bridge, lockNow, logout, leaveTo],
  );

  return (
    <>
      <div inert={locked} aria-hidden={locked} className={locked ? 'app-hidden' : undefined}>
        <Shell staff={staff} onLock={lockNow} onLogout={logout} />
      </div>
      {locked && <LockScreen staff={staff} onUnlocked={unlock} onSwitchUser={logout} />}
    </>
  );
};

export const App = () => {
  const services = useServices();
  const { staff, signIn, signOut } = useSession();
  const setupDone = useLiveQuery(() => isSetupDone(services), [services]);
  const resuming = useResumeSession(signIn);
  // The clinic has just been created: its owner sees the recovery code before anything else.
  const [created, setCreated] = useState<{ owner: Staff; recoveryCode: string }>();

  if (setupDone === undefined || resuming) return <Spin fullscreen />;
  if (created)
    return (
      <RecoveryCodeScreen
        shown={{ code: created.recoveryCode, owner: created.owner, occasion: 'setup' }}
        header={<SetupSteps current={4} />}
        onDone={() => {
          void recordSessionEvent(services, created.owner, 'login');
          signIn(created.owner);
          setCreated(undefined);
        }}
      />
    );
  if (!setupDone || !staff) {
    return setupDone ? (
      <LoginScreen onLoggedIn={signIn} />
    ) : (
      <SetupWizard onDone={(owner, recoveryCode) => setCreated({ owner, recoveryCode })} />
    );
  }
  if (staff.mustChangePassword) {
    const logout = () => {
      void recordSessionEvent(services, staff, 'logout');
      signOut();
    };
    return <ChangePasswordScreen staff={staff} onChanged={signIn} onLogout={logout} />;
  }
  return (
    <HashRouter>
      <LeaveGuardProvider>
        <Workspace staff={staff} />
      </LeaveGuardProvider>
    </HashRouter>
  );
};
