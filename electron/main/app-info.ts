import type { AppInfo } from '../../shared/bridge/platform-bridge';

export type AppInfoSources = {
  version: string;
  platform: string;
  hostname: () => string;
};

export const readAppInfo = ({ version, platform, hostname }: AppInfoSources): AppInfo => ({
  kind: 'electron',
  version,
  platform,
  // The audit log names the device; a PC without a host name still needs a recognisable one.
  deviceName: hostname().trim() || 'ClinicDesk PC',
});
