import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useDiscardPrompt } from './use-discard-prompt';

/** Whether a form on screen holds typing that leaving would throw away. */
type Guard = () => boolean;

const LeaveGuards = createContext<Set<Guard> | null>(null);

/** Holds the guards of the forms on screen, for the menu and the menu commands above them. */
export const LeaveGuardProvider = ({ children }: { children: ReactNode }) => {
  const [guards] = useState(() => new Set<Guard>());
  return <LeaveGuards.Provider value={guards}>{children}</LeaveGuards.Provider>;
};

/**
 * A long form with unsaved typing: leaving it through the side menu (or the app menu's 设置 /
 * 审计日志) asks 放弃已填写的内容？ first, as its own Esc and 取消 do.
 */
export const useLeaveGuard = (unsaved: boolean): void => {
  const guards = useContext(LeaveGuards);
  useEffect(() => {
    if (!guards || !unsaved) return undefined;
    const guard: Guard = () => true;
    guards.add(guard);
    return () => {
      guards.delete(guard);
    };
  }, [guards, unsaved]);
};

/** Goes to another screen, asking first when a form on this one would lose its typing. */
export const useGuardedNavigate = (): ((to: string) => void) => {
  const guards = useContext(LeaveGuards);
  const navigate = useNavigate();
  const askDiscard = useDiscardPrompt();
  return useCallback(
    (to: string) => {
      const unsaved = guards !== null && [...guards].some((guard) => guard());
      if (unsaved) askDiscard(() => void navigate(to));
      else void navigate(to);
    },
    [guards, navigate, askDiscard],
  );
};
