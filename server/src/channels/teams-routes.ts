import { createTeamsChannel } from '@clara/channel-teams';
import { claimChannelEvent, recordFeedback, releaseChannelEvent } from '@clara/supabase';
import type Koa from 'koa';
import { mountChannel } from '../http/mount-channel';
import type { Runtime } from '../runtime';
import { createTeamsBotDirectory } from './teams-bots';

/** Mounts `POST /teams/messages`, the messaging endpoint of Clara's Azure Bot registrations. */
export function mountTeams(
  app: Koa,
  runtime: Pick<Runtime, 'config' | 'db' | 'logger' | 'masterKey' | 'engine' | 'store' | 'lifecycle'>,
): void {
  const { config, db, logger } = runtime;
  const bots = createTeamsBotDirectory({
    db,
    masterKey: runtime.masterKey,
    envBot: config.teams.bot,
    logger,
  });
  if (config.teams.workspaceId && !config.teams.appId) {
    logger.warn(
      'Teams: TEAMS_WORKSPACE_ID is set without MICROSOFT_APP_ID, so /teams/messages accepts unauthenticated requests (Bot Framework Emulator mode) until a Teams bot is connected.',
    );
  }
  const teams = createTeamsChannel({
    engine: runtime.engine,
    store: runtime.store,
    credentials: bots,
    events: {
      claim: (eventId, workspaceId) => claimChannelEvent(db, 'teams', eventId, workspaceId),
      release: (eventId) => releaseChannelEvent(db, 'teams', eventId),
    },
    // Thumbs on answers: stored like the widget's feedback (a thumbs-down on an answer files a gap).
    feedback: (input) => db.transaction((tx) => recordFeedback(tx, input)),
    logger,
    emulatorWorkspaceId: config.teams.workspaceId,
    endpoints: config.teams.endpoints,
    // An answer that outlives its request (delivered proactively): shutdown waits for it.
    track: (answering) => void runtime.lifecycle.track(answering),
  });
  mountChannel(app, teams);
}
