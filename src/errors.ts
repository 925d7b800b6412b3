/**
 * The one catalogue of errors that reach a user. Each has a stable code (used by the API, the CLI and
 * tests), an HTTP status, and a message key in the catalogues under `src/i18n/messages`.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400 },
  REFERENCE_INVALID: { status: 400 },
  DATE_INVALID: { status: 400 },
  NOT_FOUND: { status: 404 },
  TRANSITION_INVALID: { status: 409 },
  CONFLICT: { status: 409 },
  MANDATE_UNKNOWN: { status: 400 },
  MANDATE_NOT_SIGNING: { status: 409 },
  HOLDER_NOT_IN_OFFICE: { status: 403 },
  ADDRESSEE_UNKNOWN: { status: 400 },
  FOLLOW_UP_INVALID: { status: 409 },
  REPLY_BEFORE_SENDING: { status: 409 },
  FORBIDDEN: { status: 404 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  AUDIT_CHAIN_BROKEN: { status: 500 },
  STORE_NOT_EMPTY: { status: 409 },
  PUBLIC_VERSION_NOT_APPROVED: { status: 409 },
  CITATION_UNKNOWN: { status: 400 },
  FILE_INVALID: { status: 400 },
  PASSWORD_WEAK: { status: 400 },
  SIGN_IN_FAILED: { status: 401 },
  SECOND_FACTOR_FAILED: { status: 401 },
  SIGN_IN_REQUIRED: { status: 401 },
  CSRF_INVALID: { status: 403 },
  RATE_LIMITED: { status: 429 },
  LINK_INVALID: { status: 410 },
  ACCOUNT_EXISTS: { status: 409 },
  KEY_INVALID: { status: 500 },
  KEY_UNAVAILABLE: { status: 500 },
  FIELD_DECRYPTION_FAILED: { status: 500 },
  INTERNAL: { status: 500 },
  ATTACHMENT_TOO_LARGE: { status: 413 },
  ATTACHMENT_TOO_MANY: { status: 413 },
  ATTACHMENT_TYPE_REFUSED: { status: 415 },
  ATTACHMENT_ARCHIVE_REFUSED: { status: 422 },
  FILE_INTEGRITY_FAILED: { status: 500 },
  QUERY_INVALID: { status: 400 },
  CURSOR_INVALID: { status: 400 },
  FILTER_UNKNOWN: { status: 400 },
  SESSION_UNKNOWN: { status: 404 },
} as const satisfies Record<string, { status: number }>;

/** A stable error code from {@link ERRORS}. */
export type ErrorCode = keyof typeof ERRORS;

/**
 * An error meant for the user: a stable code, a human message, and optional details (which field, which
 * value). Commands throw it before writing anything, or inside their transaction so that it rolls back.
 *
 * @example throw new AppError('REFERENCE_INVALID', `"${input}" is not a reference like "AL KAZ 1/2022"`)
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return ERRORS[this.code].status;
  }
}

/** True when a value is an {@link AppError}, whatever realm it came from. */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
