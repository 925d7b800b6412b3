import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERRORS, isAppError, type ErrorCode } from '../errors.ts';

/** The JSON body of every error response: a stable code and a message, never a stack trace. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** Turns any thrown value into an {@link AppError}: ours as they are, Fastify's by their kind, the rest INTERNAL. */
export function toAppError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const fe = err as Partial<FastifyError>;
  if (fe.validation) return new AppError('VALIDATION_FAILED', fe.message ?? 'invalid request');
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE', 'the request body is too large');
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('VALIDATION_FAILED', 'unsupported content type');
  if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (fe.statusCode === 400 && fe.message)) {
    return new AppError('VALIDATION_FAILED', 'the request body is not valid');
  }
  return new AppError('INTERNAL', 'something went wrong on our side; the error has been logged');
}

/** Fastify's error handler: the catalogue's status and code; internal errors are logged, not shown. */
export function errorHandler(err: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(err);
  if (appError.code === 'INTERNAL') request.log.error({ err }, 'unhandled error');
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.code !== 'INTERNAL' && appError.details ? { details: appError.details } : {}),
    },
  };
  void reply.status(ERRORS[appError.code].status).type('application/json; charset=utf-8').send(body);
}
