import type { ChatStore } from '@clara/core';
import type Router from '@koa/router';
import { registerChannelRoutes } from './channels/channel-routes';
import { registerSlackInstallRoutes } from './channels/slack-install-routes';
import { registerOwnerInviteRoutes } from './invites/owner-invite-routes';
import { registerAugmentationRoutes } from './keys/augmentation-routes';
import { registerEmbeddingRoutes } from './keys/embedding-routes';
import { registerKeyRoutes } from './keys/key-routes';
import type { RuntimeAdminDeps } from './runtime-deps';
import { registerThresholdReplayRoutes } from './threshold/threshold-replay-routes';
import { registerTranscriptRoutes } from './transcripts/transcript-routes';

/** The admin features that need the vault, the model cache, channel config or the chat store: keys, channels, transcripts, threshold replay, owner invites. */
export function registerRuntimeRoutes(router: Router, deps: RuntimeAdminDeps, store: ChatStore): void {
  registerKeyRoutes(router, deps);
  registerEmbeddingRoutes(router, deps);
  registerAugmentationRoutes(router, deps);
  registerChannelRoutes(router, deps);
  registerSlackInstallRoutes(router, deps);
  registerTranscriptRoutes(router, deps);
  registerThresholdReplayRoutes(router, deps, store);
  registerOwnerInviteRoutes(router, deps);
}
