import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';

/** The settings of one installation, read from the environment. */
export interface Config {
  /** `postgres://…` for PostgreSQL; absent for the embedded SQLite store. */
  databaseUrl: string | undefined;
  port: number;
  host: string;
  /** State directory: the SQLite file, uploaded files, keys. */
  varDir: string;
  /** Days after sending within which a reply is on time. */
  replyDays: number;
  /** Days after sending at which allegation letters and urgent appeals are published. */
  publicationLetterDays: number;
  /** Hours after sending at which other letters are published. */
  publicationOtherLetterHours: number;
  /** Minutes between runs of the publication scheduler inside the server (0 turns it off). */
  publishIntervalMinutes: number;
  logLevel: string;
  /** Minutes without a request after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after sign-in at which a session ends whatever its use. */
  sessionHours: number;
  /** `smtp://user:password@host:port` (or `smtps://`) of the mail server; without it notifications wait in the outbox. */
  smtpUrl: string | undefined;
  /** The sender of notifications, `Rapporteur <no-reply@example.org>`; required with `smtpUrl`. */
  mailFrom: string | undefined;
}

const positiveInt = (fallback: number) =>
  z.coerce.number().int().min(0).max(100_000).default(fallback);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  RAPPORTEUR_VAR_DIR: z.string().optional(),
  RAPPORTEUR_REPLY_DAYS: positiveInt(60),
  RAPPORTEUR_PUBLICATION_DAYS: positiveInt(60),
  RAPPORTEUR_PUBLICATION_OL_HOURS: positiveInt(48),
  RAPPORTEUR_PUBLISH_INTERVAL_MINUTES: positiveInt(15),
  RAPPORTEUR_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  RAPPORTEUR_SESSION_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must start with smtp:// or smtps://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z
    .string()
    .max(320)
    .regex(/^[^\r\n]*@[^\r\n]*$/, 'must be an address such as Rapporteur <no-reply@example.org>')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

/**
 * Reads the configuration from environment variables; a bad value is a VALIDATION_FAILED error naming it.
 *
 * @example loadConfig({ PORT: '8080' }).port // 8080
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? '');
    throw new AppError('VALIDATION_FAILED', `configuration ${name}: ${issue?.message ?? 'invalid'}`, { variable: name });
  }
  const e = parsed.data;
  // Mail servers refuse a message without a sender they accept; better to say so at start than at each send.
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new AppError('VALIDATION_FAILED', 'configuration MAIL_FROM: required when SMTP_URL is set', { variable: 'MAIL_FROM' });
  }
  return {
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    host: e.HOST,
    varDir: resolve(e.RAPPORTEUR_VAR_DIR ?? 'var'),
    replyDays: e.RAPPORTEUR_REPLY_DAYS,
    publicationLetterDays: e.RAPPORTEUR_PUBLICATION_DAYS,
    publicationOtherLetterHours: e.RAPPORTEUR_PUBLICATION_OL_HOURS,
    publishIntervalMinutes: e.RAPPORTEUR_PUBLISH_INTERVAL_MINUTES,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.RAPPORTEUR_SESSION_IDLE_MINUTES,
    sessionHours: e.RAPPORTEUR_SESSION_HOURS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
  };
}
