import { z } from 'zod';

/**
 * The contract between the Sync screen and a desktop that hosts the clinic's sync service (the
 * hub) itself. The Electron main process runs the hub in a utility process on its SQLite store;
 * a browser cannot host one, so its bridge has no `hubHost` and the Sync screen shows no switch.
 */

/** Why the hub is not running although it was asked to; the UI says each in plain words. */
export const hubHostFailureSchema = z.enum([
  /** Another program already listens on the port. */
  'port-in-use',
  /** Another hub (another ClinicDesk, or `clinicdesk hub`) uses the data folder. */
  'locked',
  /** It ended by itself after it had started. */
  'exited',
  /** Anything else: it could not start. */
  'failed',
]);
export type HubHostFailure = z.infer<typeof hubHostFailureSchema>;

export const hubHostStatusSchema = z
  .object({
    /** The owner's choice, remembered on this PC: the hub starts again with the app. */
    enabled: z.boolean(),
    state: z.enum(['off', 'running', 'failed']),
    port: z.number().int().min(1).max(65_535),
    /** Where this PC reaches its own hub. */
    localUrl: z.string().max(64),
    /** Where the clinic's other PCs reach it: one per LAN address of this PC. Empty when off. */
    lanUrls: z.array(z.string().max(64)).max(16),
    /** false: plain http, readable by anyone on the same network. */
    tls: z.boolean(),
    failure: hubHostFailureSchema.optional(),
  })
  .strict();
export type HubHostStatus = z.infer<typeof hubHostStatusSchema>;

export const hubPairingCodeRequestSchema = z.object({ admin: z.boolean() }).strict();

export const hubPairingCodeSchema = z
  .object({
    code: z.string().regex(/^[0-9A-Z]{8}$/),
    expiresAt: z.number().int().min(0),
  })
  .strict();
export type HubPairingCode = z.infer<typeof hubPairingCodeSchema>;

export type HubHost = {
  status(): Promise<HubHostStatus>;
  /** Starts the hub and remembers the choice; the status says why when it could not start. */
  turnOn(): Promise<HubHostStatus>;
  /** Stops the hub and forgets the choice. */
  turnOff(): Promise<HubHostStatus>;
  /** A one-time code from the running hub (rejects when it is not running). */
  createPairingCode(request: { admin: boolean }): Promise<HubPairingCode>;
};

/** IPC channel names of the desktop's hub host, and the schema each request is validated with. */
export const hubHostIpc = {
  status: { channel: 'clinicdesk:hub-host-status', input: z.undefined() },
  turnOn: { channel: 'clinicdesk:hub-host-turn-on', input: z.undefined() },
  turnOff: { channel: 'clinicdesk:hub-host-turn-off', input: z.undefined() },
  createPairingCode: {
    channel: 'clinicdesk:hub-host-pairing-code',
    input: hubPairingCodeRequestSchema,
  },
} as const;
