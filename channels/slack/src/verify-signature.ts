import { createHmac, timingSafeEqual } from 'node:crypto';
import { ClaraError } from '@clara/core';

/** Slack rejects replays older than five minutes; so do we (either direction, for clock skew). */
export const maxSignatureAgeSeconds = 5 * 60;

/** The parts of a request that Slack signs. */
export interface SlackSignedRequest {
  /** The body exactly as received: the signature covers these bytes, not a re-serialisation. */
  rawBody: string;
  /** X-Slack-Signature: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`. */
  signature: string | undefined;
  /** X-Slack-Request-Timestamp: Unix seconds when Slack sent the request. */
  timestamp: string | undefined;
}

/** The `X-Slack-Signature` value for a body, as Slack computes it (also used by tests to sign requests). */
export function slackSignature(signingSecret: string, timestamp: string | number, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Checks what can be checked without a secret: both headers present, the timestamp within
 * five minutes. Run before any connection is looked up, so an unsigned or replayed request
 * costs no database read and no decryption.
 */
export function checkSlackSignatureHeaders(
  request: Pick<SlackSignedRequest, 'signature' | 'timestamp'>,
  nowMs: number,
): void {
  const { signature, timestamp } = request;
  if (!signature || !timestamp) {
    throw new ClaraError('unauthorized', 'Missing X-Slack-Signature or X-Slack-Request-Timestamp.');
  }
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || !Number.isSafeInteger(seconds)) {
    throw new ClaraError('unauthorized', 'X-Slack-Request-Timestamp is not a Unix time in seconds.');
  }
  if (Math.abs(Math.floor(nowMs / 1000) - seconds) > maxSignatureAgeSeconds) {
    throw new ClaraError(
      'unauthorized',
      'The Slack request timestamp is more than 5 minutes away from now (stale or replayed).',
    );
  }
}

/**
 * Verifies a Slack request against the signing secrets that may have signed it and returns
 * the index of the one that did. Throws ClaraError('unauthorized') for a missing, stale or
 * wrong signature, before anything in the body is trusted.
 */
export function verifySlackSignature(
  request: SlackSignedRequest,
  signingSecrets: readonly string[],
  nowMs: number,
): number {
  checkSlackSignatureHeaders(request, nowMs);
  const { signature = '', timestamp = '' } = request;
  const index = signingSecrets.findIndex((secret) =>
    sameSignature(slackSignature(secret, timestamp, request.rawBody), signature),
  );
  if (index < 0) {
    throw new ClaraError('unauthorized', 'The Slack signature does not match any connected Slack app.');
  }
  return index;
}
