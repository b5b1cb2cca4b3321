import type { LanguageModel } from '../llm/types';
import type { EngineLogger, LanguageModelResolver } from './llm-ports';

/** The workspace's language model, or null (none, or a key that fails to load: logged). */
export async function resolveModel(
  deps: { models?: LanguageModelResolver | undefined; logger?: EngineLogger | undefined },
  workspaceId: string,
): Promise<LanguageModel | null> {
  if (!deps.models) return null;
  try {
    return await deps.models.resolveModel(workspaceId);
  } catch (error) {
    // A broken key (e.g. one that no longer decrypts) must not stop the chat.
    const code = (error as { code?: unknown })?.code;
    deps.logger?.warn(
      { workspace_id: workspaceId, code: typeof code === 'string' ? code : 'unknown' },
      'language model unavailable, answering extractively',
    );
    return null;
  }
}
