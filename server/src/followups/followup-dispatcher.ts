import { createHash } from 'node:crypto';
import type { AssistantMessage } from '@clara/core';
import {
  beginFollowupSend,
  type ClaimedFollowup,
  claimDueFollowups,
  type Database,
  giveUpLostFollowups,
  markFollowupFailed,
  markFollowupSent,
  releaseFollowup,
} from '@clara/supabase';
import type { Logger } from '../logger';

/** What the dispatcher knows about earlier attempts of a follow-up. */
export interface FollowupAttempt {
  /**
   * When the earliest attempt that may have been delivered started (epoch ms), or null. A
   * channel that can look its messages up searches from then on and does not post again.
   */
  maybeSentSince: number | null;
}

/**
 * Sends one claimed follow-up to its channel: resolves `'found'` when it looked the follow-up up
 * and an earlier attempt had delivered it (nothing posted); any other value: posted now. Throws
 * an error that says what the failure means for delivery (see `FollowupFailure`).
 */
export type FollowupSend = (
  followup: ClaimedFollowup,
  messageId: string,
  attempt?: FollowupAttempt,
) => Promise<unknown>;

/**
 * What a sender's error may carry. `permanent`: retrying cannot help (the channel refused it
 * for good). `maybeDelivered`: the request may have reached the channel (timeout or reset after
 * it was written, a 5xx): the outcome is unknown. `canCheck` (with `maybeDelivered`): the
 * channel can look the message up before the next attempt, so retrying cannot post it twice;
 * without it the follow-up is given up (at most once).
 */
export interface FollowupFailure {
  permanent?: boolean;
  maybeDelivered?: boolean;
  canCheck?: boolean;
}

export interface FollowupDispatcherOptions {
  db: Database;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  send: FollowupSend;
  /** Attempts before a follow-up is given up (default 5). */
  maxAttempts?: number;
  /** Wait before the second attempt, doubled for each further one (default 30 s), up to `maxBackoffMs` (30 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How often the outbox is polled (default 5 s). */
  everyMs?: number;
  /** Follow-ups claimed per poll (default 20). */
  batch?: number;
  /** How long a claim holds before another instance may take the row over (default 120 s). */
  leaseSeconds?: number;
}

/** The outbox's sender: `runOnce` claims and sends what is due; `start`/`stop` poll it. */
export interface FollowupDispatcher {
  /** One pass; returns how many follow-ups were sent, retried later and given up. */
  runOnce(): Promise<{ sent: number; retried: number; failed: number }>;
  start(): void;
  /** Stops polling: the follow-up being sent finishes, the pass's other claims go back to the outbox. */
  stop(): Promise<void>;
}

const namespace = 'clara:gap-followup:v1';

/** The follow-up's message id (deterministic: every instance, and every retry, gives the same id). */
export function followupMessageId(gapId: string): string {
  const bytes = createHash('sha1').update(namespace).update(gapId).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The assistant message a sent follow-up is stored as in the asker's session. */
function storedMessage(f: ClaimedFollowup, messageId: string): AssistantMessage & { followup_of: unknown } {
  return {
    message_id: messageId,
    role: 'assistant',
    content: f.answer,
    timestamp: new Date().toISOString(),
    suggestion_chips: [],
    gap_detected: false,
    matched_qa_ids: f.qa_id ? [f.qa_id] : [],
    confidence: 1,
    escalation_offered: false,
    reply_kind: 'answer',
    // What it answers: a thumbs-down files this question again, not the session's last one.
    followup_of: { gap_id: f.gap_id, question: f.question },
  };
}

const errorCode = (error: unknown): string => {
  const e = error as { code?: unknown; name?: unknown } | null;
  return String(e?.code ?? e?.name ?? 'unknown_error').slice(0, 100);
};

/**
 * Creates the dispatcher of answered-gap follow-ups (`gap_followups`, written with the
 * resolution). Every instance may run one: a row is claimed by one instance at a time, marked
 * sending while the claim holds (`beginFollowupSend`; never claimed again after), sent, then
 * marked sent; a row whose sender stopped mid-send is given up, never sent twice. A failure is
 * retried with exponential back-off, and after `maxAttempts` (or at once when retrying cannot
 * help) given up and logged.
 *
 * Delivery is at most once. A clear failure (connection refused, a 4xx, a Slack `ok: false`
 * error) posted nothing and is retried. An ambiguous one (timeout, or a reset after the request
 * was written, or a 5xx: the channel may have accepted it) is retried only by a channel that can
 * check first: the row keeps when that attempt started (`maybe_sent_since`) and the next attempt
 * looks for the message from then on (Slack: the follow-up's message id in its message
 * metadata), marking the row sent when it finds it. A channel that cannot check (Teams: the Bot
 * Connector has no way to read a conversation's activities or to make a send idempotent), or a
 * check that cannot be made (a missing scope), gives the follow-up up as `send_outcome_unknown`
 * with an error log line: an asker may miss it, never gets it twice.
 */
export function createFollowupDispatcher(options: FollowupDispatcherOptions): FollowupDispatcher {
  const { db, logger, send } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const backoffMs = options.backoffMs ?? 30_000;
  const maxBackoffMs = options.maxBackoffMs ?? 30 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopping = false;

  async function deliver(f: ClaimedFollowup): Promise<'sent' | 'retried' | 'failed' | null> {
    const messageId = followupMessageId(f.gap_id);
    const where = { followup_id: f.id, gap_id: f.gap_id, workspace_id: f.workspace_id, channel: f.channel };
    // Claim before send: marked sending while the lease holds, or not sent at all (no second sender).
    if (!(await beginFollowupSend(db, f))) {
      logger.warn(
        { ...where, attempts: f.attempts },
        'follow-up lease ran out before sending: left to the outbox',
      );
      return null;
    }
    let outcome: unknown;
    try {
      outcome = await send(f, messageId, { maybeSentSince: f.maybe_sent_since_ms });
    } catch (error) {
      const code = errorCode(error);
      const failure = (error ?? {}) as FollowupFailure;
      const permanent = failure.permanent === true;
      const maybeDelivered = failure.maybeDelivered === true;
      if (maybeDelivered && failure.canCheck !== true) {
        await markFollowupFailed(db, f, 'send_outcome_unknown', null, true);
        logger.error(
          { ...where, attempts: f.attempts, error: code },
          'follow-up given up: it may have been delivered and the channel cannot tell, so it is not sent again',
        );
        return 'failed';
      }
      if (permanent || f.attempts >= maxAttempts) {
        await markFollowupFailed(db, f, code, null, maybeDelivered);
        logger.error(
          { ...where, attempts: f.attempts, error: code, permanent, maybe_delivered: maybeDelivered },
          'follow-up given up',
        );
        return 'failed';
      }
      const retryInMs = Math.min(maxBackoffMs, backoffMs * 2 ** (f.attempts - 1));
      await markFollowupFailed(db, f, code, retryInMs, maybeDelivered);
      logger.warn(
        {
          ...where,
          attempts: f.attempts,
          error: code,
          retry_in_ms: retryInMs,
          maybe_delivered: maybeDelivered,
        },
        maybeDelivered
          ? 'follow-up may have been delivered; will look for it before retrying'
          : 'follow-up failed; will retry',
      );
      return 'retried';
    }
    if (outcome === 'found')
      logger.info({ ...where, attempts: f.attempts }, 'follow-up found delivered by an earlier attempt');
    if (!(await markFollowupSent(db, f, storedMessage(f, messageId)))) {
      // Not expected: a row marked sending is never claimed again (a late 'sent' is still recorded).
      logger.warn({ ...where, attempts: f.attempts }, 'follow-up sent but the row was no longer this claim');
      return 'sent';
    }
    logger.info({ ...where, attempts: f.attempts, message_id: messageId }, 'follow-up sent');
    return 'sent';
  }

  async function pass() {
    const counts = { sent: 0, retried: 0, failed: 0 };
    // A sender that died (or stalled past its lease) after starting to send: never sent twice.
    for (const lost of await giveUpLostFollowups(db)) {
      counts.failed++;
      logger.error(
        {
          followup_id: lost.id,
          gap_id: lost.gap_id,
          workspace_id: lost.workspace_id,
          channel: lost.channel,
          attempts: lost.attempts,
        },
        'follow-up given up: its sender stopped while sending, so it may have been delivered and is not sent again',
      );
    }
    const claimed = await claimDueFollowups(db, {
      limit: options.batch ?? 20,
      leaseSeconds: options.leaseSeconds ?? 120,
    });
    for (const f of claimed) {
      // Stopping: what was claimed but not yet tried goes back to the outbox for any instance.
      if (stopping) {
        await releaseFollowup(db, f.id);
        continue;
      }
      const outcome = await deliver(f);
      if (outcome) counts[outcome]++;
    }
    return counts;
  }

  const runOnce = () => {
    const current = pass();
    const settled = current.then(
      () => undefined,
      () => undefined,
    );
    running = settled;
    void settled.then(() => {
      if (running === settled) running = undefined;
    });
    return current;
  };

  return {
    runOnce,
    start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => {
        if (running) return;
        void runOnce().catch((error: unknown) =>
          logger.warn({ error: errorCode(error) }, 'follow-up pass failed'),
        );
      }, options.everyMs ?? 5_000);
      timer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
