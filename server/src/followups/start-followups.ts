import type { Runtime } from '../runtime';
import {
  createFollowupDispatcher,
  type FollowupDispatcher,
  type FollowupDispatcherOptions,
} from './followup-dispatcher';
import { createFollowupSend } from './followup-senders';

/**
 * `clara serve`: polls the answered-gap follow-ups outbox and sends what is due to Slack and
 * Teams (every instance may; each follow-up is claimed by one). Returns the dispatcher to stop.
 */
export function startFollowupDispatcher(
  runtime: Pick<Runtime, 'config' | 'db' | 'logger' | 'masterKey'>,
  options: Omit<FollowupDispatcherOptions, 'db' | 'logger' | 'send'> = {},
): FollowupDispatcher {
  const dispatcher = createFollowupDispatcher({
    db: runtime.db,
    logger: runtime.logger,
    send: createFollowupSend(runtime),
    ...options,
  });
  dispatcher.start();
  return dispatcher;
}
