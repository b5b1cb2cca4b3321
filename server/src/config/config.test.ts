import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error';
import { loadConfig, loadEvalConfig } from './load-config';

const workspace = '7d7f0a3e-5b0c-4a43-9a57-1f2a3b4c5d6e';

describe('loadConfig: the Teams bot of the environment, checked at start-up', () => {
  it('is null without MICROSOFT_APP_ID', () => {
    expect(loadConfig({ TEAMS_WORKSPACE_ID: workspace }).teams.bot).toBeNull();
  });

  it('is the whole bot when its variables fit together', () => {
    const env = { MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'pw', TEAMS_WORKSPACE_ID: workspace };
    expect(loadConfig(env).teams.bot).toEqual({
      appId: 'app-1',
      workspaceId: workspace,
      appPassword: 'pw',
      tenantId: undefined,
      appType: 'MultiTenant',
    });
  });

  it('refuses an incomplete bot before anything is mounted', () => {
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'app-1', MICROSOFT_APP_PASSWORD: 'pw' })).toThrow(
      /set TEAMS_WORKSPACE_ID/,
    );
    expect(() => loadConfig({ MICROSOFT_APP_ID: 'app-1', TEAMS_WORKSPACE_ID: workspace })).toThrow(
      /set MICROSOFT_APP_PASSWORD/,
    );
    const single = {
      MICROSOFT_APP_ID: 'a',
      MICROSOFT_APP_TYPE: 'SingleTenant',
      TEAMS_WORKSPACE_ID: workspace,
    };
    expect(() => loadConfig({ ...single, MICROSOFT_APP_PASSWORD: 'pw' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...single, MICROSOFT_APP_PASSWORD: 'pw' })).toThrow(/MICROSOFT_APP_TENANT_ID/);
  });
});

describe('loadEvalConfig', () => {
  it('reads only the OpenAI key and endpoint', () => {
    expect(
      loadEvalConfig({
        OPENAI_API_KEY: 'sk-x',
        OPENAI_BASE_URL: 'http://127.0.0.1:1/v1',
        DATABASE_URL: 'nope',
      }),
    ).toEqual({ openAiKey: 'sk-x', openAiBaseUrl: 'http://127.0.0.1:1/v1' });
    expect(loadEvalConfig({ OPENAI_API_KEY: '' })).toEqual({
      openAiKey: undefined,
      openAiBaseUrl: undefined,
    });
  });
});
