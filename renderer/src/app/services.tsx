import { createContext, useContext, type ReactNode } from 'react';
import type { AppInfo, PlatformBridge } from '../../../shared/bridge/platform-bridge';
import type { StoreContext } from '../db/write';

/** Everything a screen needs from outside React, created once at start-up (and faked in tests). */
export type Services = StoreContext & { bridge: PlatformBridge; appInfo: AppInfo };

const ServicesContext = createContext<Services | undefined>(undefined);

export const ServicesProvider = ({
  services,
  children,
}: {
  services: Services;
  children: ReactNode;
}) => <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;

export const useServices = (): Services => {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside ServicesProvider');
  return services;
};
