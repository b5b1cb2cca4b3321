import type Router from '@koa/router';
import type { Runtime } from '../runtime';
import { registerChannelRoutes } from './channels/channel-routes';
import { registerKeyRoutes } from './keys/key-routes';
import type { RuntimeAdminDeps } from './runtime-deps';
import { registerTranscriptRoutes } from './transcripts/transcript-routes';

/** The admin features that need the vault, the model cache or channel config: keys, channels, transcripts. */
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
}
