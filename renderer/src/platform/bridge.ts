import { BRIDGE_GLOBAL, type PlatformBridge } from '../../../shared/bridge/platform-bridge';
import { browserBridge } from './browser-bridge';

/** The Electron preload's bridge when there is one, else the browser's. */
export const getBridge = (): PlatformBridge =>
  ((globalThis as Record<string, unknown>)[BRIDGE_GLOBAL] as PlatformBridge | undefined) ??
  browserBridge;
