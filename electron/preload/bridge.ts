import {
  appInfoSchema,
  ipc,
  menuCommandSchema,
  printOutcomeSchema,
  type PlatformBridge,
} from '../../shared/bridge/platform-bridge';
import {
  backupIpc,
  backupRecordSchema,
  backupSessionAnswerSchema,
  backupStatusSchema,
  exportOutcomeSchema,
  type BackupHost,
} from '../../shared/bridge/backup-host';
import {
  auditAnchorIpc,
  checkpointListSchema,
  type AuditAnchor,
} from '../../shared/bridge/audit-anchor';
import {
  complaintIdSchema,
  complaintNoticeIpc,
  type ComplaintNotifier,
} from '../../shared/bridge/complaint-notice';
import {
  hubAccessIpc,
  hubAccessStateSchema,
  hubPairingAnswerSchema,
  type HubAccess,
} from '../../shared/bridge/hub-access';
import {
  hubHostIpc,
  hubHostStatusSchema,
  hubPairingCodeSchema,
  type HubHost,
} from '../../shared/bridge/hub-host';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The part of `ipcRenderer` the bridge uses. */
export type BridgeIpc = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Listener): unknown;
  removeListener(channel: string, listener: Listener): unknown;
};

/**
 * The bridge object the preload exposes. It never hands the page an IPC event (whose `sender`
 * would reach `ipcRenderer` itself), only validated values.
 */
export const createBridge = (renderer: BridgeIpc) =>
  ({
    appInfo: async () => appInfoSchema.parse(await renderer.invoke(ipc.appInfo.channel)),

    setLanguage: async (language) => {
      await renderer.invoke(ipc.setLanguage.channel, language);
    },

    print: async (request) =>
      printOutcomeSchema.parse(await renderer.invoke(ipc.print.channel, request)),

    printToPdf: async (request) =>
      printOutcomeSchema.parse(await renderer.invoke(ipc.printToPdf.channel, request)),

    onMenuCommand: (listener) => {
      const relay: Listener = (_event, command) => {
        const parsed = menuCommandSchema.safeParse(command);
        if (parsed.success) listener(parsed.data);
      };
      renderer.on(ipc.menuCommand.channel, relay);
      return () => {
        renderer.removeListener(ipc.menuCommand.channel, relay);
      };
    },

    backups: createBackupHost(renderer),

    hubHost: createHubHost(renderer),

    hubAccess: createHubAccess(renderer),

    auditAnchor: createAuditAnchor(renderer),

    complaintNotices: createComplaintNotices(renderer),
  }) satisfies PlatformBridge;

/**
 * The desktop backup host, as the page reaches it: every answer is checked against the contract
 * before the page sees it; the inputs are the main process's to check.
 */
export const createBackupHost = (renderer: BridgeIpc) =>
  ({
    status: async () => backupStatusSchema.parse(await renderer.invoke(backupIpc.status.channel)),

    setPassphrase: async (passphrase) =>
      backupStatusSchema.parse(await renderer.invoke(backupIpc.setPassphrase.channel, passphrase)),

    saveSettings: async (settings) =>
      backupStatusSchema.parse(await renderer.invoke(backupIpc.saveSettings.channel, settings)),

    chooseFolder: async () =>
      backupStatusSchema.parse(await renderer.invoke(backupIpc.chooseFolder.channel)),

    begin: async (input) =>
      backupSessionAnswerSchema.parse(await renderer.invoke(backupIpc.begin.channel, input)),

    write: async (session, bytes) => {
      await renderer.invoke(backupIpc.write.channel, { session, bytes });
    },

    finish: async (session, tables) =>
      backupRecordSchema.parse(
        await renderer.invoke(backupIpc.finish.channel, { session, tables }),
      ),

    abort: async (session) => {
      await renderer.invoke(backupIpc.abort.channel, { session });
    },

    exportTo: async (id) =>
      exportOutcomeSchema.parse(await renderer.invoke(backupIpc.exportTo.channel, { id })),

    onDue: (listener) => {
      const relay: Listener = () => listener();
      renderer.on(backupIpc.due.channel, relay);
      return () => {
        renderer.removeListener(backupIpc.due.channel, relay);
      };
    },
  }) satisfies BackupHost;

/** The desktop's own sync hub, as the page reaches it: answers are checked like the others. */
export const createHubHost = (renderer: BridgeIpc) =>
  ({
    status: async () => hubHostStatusSchema.parse(await renderer.invoke(hubHostIpc.status.channel)),

    turnOn: async () => hubHostStatusSchema.parse(await renderer.invoke(hubHostIpc.turnOn.channel)),

    turnOff: async () =>
      hubHostStatusSchema.parse(await renderer.invoke(hubHostIpc.turnOff.channel)),

    createPairingCode: async (request) =>
      hubPairingCodeSchema.parse(
        await renderer.invoke(hubHostIpc.createPairingCode.channel, request),
      ),
  }) satisfies HubHost;

/** Which hub the page may reach, and pairing with one it may not reach yet. */
export const createHubAccess = (renderer: BridgeIpc) =>
  ({
    allowed: async () =>
      hubAccessStateSchema.parse(await renderer.invoke(hubAccessIpc.allowed.channel)),

    allow: async (input) => {
      await renderer.invoke(hubAccessIpc.allow.channel, input);
    },

    pair: async (input) =>
      hubPairingAnswerSchema.parse(await renderer.invoke(hubAccessIpc.pair.channel, input)),
  }) satisfies HubAccess;

/** The main process's anchor: the page hands it chain heads and reads back checked checkpoints. */
export const createAuditAnchor = (renderer: BridgeIpc) =>
  ({
    record: async (input) => {
      await renderer.invoke(auditAnchorIpc.record.channel, input);
    },
    read: async (input) =>
      checkpointListSchema.parse(await renderer.invoke(auditAnchorIpc.read.channel, input)),
  }) satisfies AuditAnchor;

/** The OS's notification of a complaint deadline; a click answers with a checked complaint id. */
export const createComplaintNotices = (renderer: BridgeIpc) =>
  ({
    show: async (notice) => {
      await renderer.invoke(complaintNoticeIpc.show.channel, notice);
    },
    onOpen: (listener) => {
      const relay: Listener = (_event, id) => {
        const parsed = complaintIdSchema.safeParse(id);
        if (parsed.success) listener(parsed.data);
      };
      renderer.on(complaintNoticeIpc.open.channel, relay);
      return () => {
        renderer.removeListener(complaintNoticeIpc.open.channel, relay);
      };
    },
  }) satisfies ComplaintNotifier;
