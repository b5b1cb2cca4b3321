import type { ChatStore, Embedder } from '@clara/core';
import type { Database } from '@clara/supabase';
import type Router from '@koa/router';
import type { Logger } from '../logger';

/** What admin feature routes need from the runtime. */
export interface AdminDeps {
  db: Database;
  embedder: Embedder;
  /** The chat engine's store (its search): the gap inbox re-runs questions through the engine. */
  store: ChatStore;
  logger: Logger;
  /** Public base URL for links shown to the owner (the widget snippet), when configured. */
  publicUrl: string | undefined;
}

/** Each feature adds its routes to the shared `/api/admin` router. */
export type RegisterRoutes = (router: Router, deps: AdminDeps) => void;
