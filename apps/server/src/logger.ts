import pino from 'pino';
import { safeError } from './log-safe-error';

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout; secrets never logged: credentials by name (redact) and the
 * parameters and failing rows of database errors (safeError).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'banso' },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: safeError, error: safeError },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'req.headers.cookie',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
