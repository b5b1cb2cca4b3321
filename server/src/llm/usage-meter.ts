import type { LlmUsageMeter } from '@clara/core';
import { type Database, releaseLlmAnswer, reserveLlmAnswer } from '@clara/supabase';

/** The daily cap on LLM answers, counted in the database so it holds across instances. */
export function createUsageMeter(db: Database): LlmUsageMeter {
  return {
    tryConsume: (workspaceId, day, cap) => reserveLlmAnswer(db, workspaceId, day, cap),
    release: (workspaceId, day) => releaseLlmAnswer(db, workspaceId, day),
  };
}
