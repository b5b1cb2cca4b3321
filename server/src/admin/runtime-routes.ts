import type Router from '@koa/router';
import type { Runtime } from '../runtime';
import { registerChannelRoutes } from './channels/channel-routes';
import { registerKeyRoutes } from './keys/key-routes';
import type { RuntimeAdminDeps } from './runtime-deps';
import { registerThresholdReplayRoutes } from './threshold/threshold-replay-routes';
import { registerTranscriptRoutes } from './transcripts/transcript-routes';

/** The admin features that need the vault, the model cache, channel config or the chat store: keys, channels, transcripts, threshold replay. */
export function registerRuntimeRoutes(router: Router, runtime: Runtime): void {
  const deps: RuntimeAdminDeps = {
    db: runtime.db,
    embedder: runtime.embedder,
    logger: runtime.logger,
    publicUrl: runtime.config.publicUrl,
    masterKey: runtime.masterKey,
    models: runtime.models,
    config: runtime.config,
  };
  registerKeyRoutes(router, deps);
  registerChannelRoutes(router, deps);
  registerTranscriptRoutes(router, deps);
  registerThresholdReplayRoutes(router, deps, runtime.store);
}
