import { contextBridge, ipcRenderer } from 'electron';
import { config } from 'zod';
import { BRIDGE_GLOBAL, type PlatformBridge } from '../shared/bridge/platform-bridge';
import { createBridge } from './preload/bridge';

// The page's CSP forbids eval; without this zod would probe for it on the first parse.
config({ jitless: true });

const bridge = createBridge(ipcRenderer) satisfies PlatformBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
