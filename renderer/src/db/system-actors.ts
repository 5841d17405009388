import type { Actor } from './write';

/**
 * Who acts when no account does. Their ids are never a staff id (those are generated), and
 * their role is null; the audit screen names them in the reader's language.
 */
export const systemActorIds = ['setup', 'schedule'] as const;
export type SystemActorId = (typeof systemActorIds)[number];

/** Restoring a backup from the first-run wizard on a new PC, before any account exists here. */
export const SETUP_ACTOR = {
  staffId: 'setup',
  name: '初始设置 / setup',
  roles: [],
  role: null,
} satisfies Actor;

/** The daily backup the schedule starts, whoever is logged in, or nobody. */
export const SCHEDULE_ACTOR = {
  staffId: 'schedule',
  name: '定时备份 / schedule',
  roles: [],
  role: null,
} satisfies Actor;

export const isSystemActor = (actorId: string): actorId is SystemActorId =>
  (systemActorIds as readonly string[]).includes(actorId);
