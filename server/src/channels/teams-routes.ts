import { createTeamsChannel } from '@clara/channel-teams';
import { readJsonBody } from '@clara/channel-web';
import { claimTeamsEvent, recordFeedback, releaseTeamsEvent } from '@clara/supabase';
import Router from '@koa/router';
import type Koa from 'koa';
import type { Runtime } from '../runtime';
import { createTeamsBotDirectory, environmentBot } from './teams-bots';

// Bot Framework activities are small; attachments arrive as links, not inline.
const bodyLimit = 256 * 1024;

/** Mounts `POST /teams/messages`, the messaging endpoint of Clara's Azure Bot registrations. */
export function mountTeams(app: Koa, runtime: Runtime): void {
  const { config, db, logger } = runtime;
  const bots = createTeamsBotDirectory({
    db,
    masterKey: runtime.masterKey,
    envBot: environmentBot(config.teams),
    logger,
  });
  if (config.teams.workspaceId && !config.teams.appId) {
    logger.warn(
      'Teams: TEAMS_WORKSPACE_ID is set without MICROSOFT_APP_ID, so /teams/messages accepts unauthenticated requests (Bot Framework Emulator mode) until a Teams bot is connected.',
    );
  }
  const teams = createTeamsChannel({
    engine: runtime.engine,
    workspaces: runtime.store,
    bots,
    events: {
      claim: (eventId, workspaceId) => claimTeamsEvent(db, eventId, workspaceId),
      release: (eventId) => releaseTeamsEvent(db, eventId),
    },
    // Thumbs on answers: stored like the widget's feedback (a thumbs-down on an answer files a gap).
    feedback: (input) => db.transaction((tx) => recordFeedback(tx, input)),
    logger,
    emulatorWorkspaceId: config.teams.workspaceId,
    endpoints: config.teams.endpoints,
    // An answer that outlives its request (delivered proactively): shutdown waits for it.
    track: (answering) => void runtime.lifecycle.track(answering),
  });

  const router = new Router();
  router.post('/teams/messages', async (ctx) => {
    const body = await readJsonBody(ctx, { limit: bodyLimit });
    const result = await teams.handle({ headers: ctx.headers, body });
    ctx.status = result.status;
    ctx.body = result.body ?? '';
  });
  app.use(router.routes());
  app.use(router.allowedMethods({ throw: true }));
}
