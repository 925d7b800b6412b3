import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

/** One e-mail as the outbox hands it to the mail server. */
export interface OutgoingMail {
  /** The outbox row's id; it makes the Message-ID, so a message sent twice (a worker died after sending) is recognisable as one. */
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; rejects with the server's or the network's error. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  /** Turns a failure into a line fit to store: the server's answer, no credentials. */
  describeError(err: unknown): string;
  close(): void;
}

/** Timeouts shorter than nodemailer's defaults (minutes): a delivery run should not hang on a silent server. */
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

const MAX_ERROR_CHARS = 500;

/**
 * A mailer over SMTP, from a URL such as `smtp://user:password@mail.example.org:587` or `smtps://…:465`
 * (nodemailer reads the URL: STARTTLS when the server offers it, TLS for `smtps`).
 *
 * @example const mailer = createSmtpMailer('smtp://127.0.0.1:2525', 'Rapporteur <no-reply@example.org>')
 */
export function createSmtpMailer(smtpUrl: string, from: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeouts = options.timeoutMs
    ? { connectionTimeout: options.timeoutMs, greetingTimeout: options.timeoutMs, socketTimeout: options.timeoutMs }
    : TIMEOUTS;
  const transport = nodemailer.createTransport({ url: smtpUrl, ...timeouts });
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'rapporteur.invalid';
  const secrets = credentialsOf(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: `<${mail.id}@${domain}>`,
      });
    },
    describeError: (err) => describeSendError(err, secrets),
    close: () => transport.close(),
  };
}

/** The installation's mailer, or undefined when no SMTP_URL is set (notifications then wait in the outbox). */
export function mailerFor(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): Mailer | undefined {
  if (!config.smtpUrl || !config.mailFrom) return undefined;
  return createSmtpMailer(config.smtpUrl, config.mailFrom);
}

/** The user name and password of an SMTP URL, decoded, to be kept out of stored errors and logs. */
function credentialsOf(smtpUrl: string): string[] {
  try {
    const u = new URL(smtpUrl);
    return [u.username, u.password, decodeURIComponent(u.username), decodeURIComponent(u.password)].filter((s) => s.length > 0);
  } catch {
    return [];
  }
}

/**
 * A failure as one stored line: the SMTP response (`451 4.3.0 try again later`) or the network error's
 * code and message — with any URL and the configured credentials removed, cut to a bounded length.
 */
export function describeSendError(err: unknown, secrets: readonly string[] = []): string {
  const e = (err ?? {}) as { code?: unknown; response?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : 'ERROR';
  const detail = typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : String(err);
  let line = `${code}: ${detail}`.replace(/\bsmtps?:\/\/\S+/gi, 'smtp://…');
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    // A long secret goes wherever it appears; a short one only as a word of its own, so that a password
    // "u" does not turn "unexpectedly" into "***nexpectedly".
    line =
      s.length >= 8
        ? line.split(s).join('***')
        : line.replace(new RegExp(`(?<![\\p{L}\\p{N}])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'gu'), '***');
  }
  line = line.replace(/[\p{Cc}\s]+/gu, ' ').trim();
  return line.length <= MAX_ERROR_CHARS ? line : `${line.slice(0, MAX_ERROR_CHARS - 1)}…`;
}
