import { type TeamsBot, verifyTeamsBot } from '@clara/channel-teams';
import { ClaraError } from '@clara/core';
import type { Config } from '../config';

/** Proves a Teams bot's credentials: the configured login endpoint must issue a token for its app id. */
export async function verifyTeamsOwnership(bot: TeamsBot, teams: Config['teams']): Promise<void> {
  try {
    await verifyTeamsBot(bot, teams.endpoints);
  } catch {
    throw new ClaraError(
      'validation_failed',
      'Microsoft did not issue a Bot Framework token for this app id with these credentials.',
    );
  }
}
