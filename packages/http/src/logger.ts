import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { Config } from './config.js';

/**
 * pino options: JSON lines, the configured level, and secrets redacted wherever they might be
 * logged (the Authorization header, token fields of any object logged).
 */
export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: {
      paths: [
        'req.headers.authorization',
        'headers.authorization',
        'authorization',
        'token',
        'tokens[*].token',
        '*.token',
        '*.tokens[*].token',
      ],
      censor: '[redacted]',
    },
  };
}

// Request ids from a client are echoed into logs, so only a tame alphabet is honoured.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a well-formed `X-Request-Id` from the caller (or a proxy), else a fresh UUID. */
export function genReqId(request: IncomingMessage): string {
  const header = request.headers['x-request-id'];
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}
