import { resolve } from 'node:path';
import type { TeamsBot } from '@clara/channel-teams';
import { z } from 'zod';
import {
  type ChannelProblemMode,
  createChannelProblems,
  type DisabledChannel,
} from './channel-config-problems';

const port = z.coerce.number().int().min(0).max(65_535);

/** Environment variables Clara reads, validated once at start-up. */
export const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  CLARA_DATA_DIR: z.string().min(1).default('./.clara'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Per-transaction statement timeout with DATABASE_URL (ms; 0 = none). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Supabase Auth + Storage: the project URL and its public anon key (both, or neither). */
  SUPABASE_URL: z.url().optional(),
  SUPABASE_ANON_KEY: z.string().trim().min(1).max(2000).optional(),
  /** The project's legacy HS256 JWT secret, for tokens not signed with the JWKS keys. */
  SUPABASE_JWT_SECRET: z.string().min(16).max(500).optional(),
  CLARA_PUBLIC_URL: z.url().optional(),
  /** `production` makes CLARA_PUBLIC_URL required to serve (as DATABASE_URL does). */
  NODE_ENV: z.string().trim().optional(),
  /** 32-byte master key (hex or base64) for API keys and channel credentials at rest. */
  CLARA_ENCRYPTION_KEY: z.string().optional(),
  /** Slack self-host path: one Slack app answering from one workspace (all three, or none). */
  SLACK_SIGNING_SECRET: z.string().trim().min(1).max(200).optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .trim()
    .regex(/^xox[bp]-/, 'SLACK_BOT_TOKEN must be a bot token (xoxb-…)')
    .optional(),
  SLACK_WORKSPACE_ID: z.uuid('SLACK_WORKSPACE_ID must be the Clara workspace id (a UUID)').optional(),
  /** Slack Web API base (Bolt's clientOptions.slackApiUrl); tests point it at a local fake. */
  SLACK_API_URL: z.url().optional(),
  /** "Add to Slack" (OAuth v2): the app's Client ID and Client Secret (with SLACK_SIGNING_SECRET). */
  SLACK_CLIENT_ID: z
    .string()
    .trim()
    .regex(/^[0-9]+\.[0-9]+$/, 'SLACK_CLIENT_ID must be a Slack client id (123.456)')
    .optional(),
  SLACK_CLIENT_SECRET: z.string().trim().min(8).max(200).optional(),
  /** Slack's OAuth v2 authorize page; tests point it at a local fake. */
  SLACK_OAUTH_AUTHORIZE_URL: z.url().default('https://slack.com/oauth/v2/authorize'),
  /** Provider endpoints (the SDKs' own variable names); tests point them at local fakes. */
  OPENAI_BASE_URL: z.url().optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  /** A server-level OpenAI key for embeddings only: every workspace is searched with text-embedding-3-small. */
  OPENAI_API_KEY: z.string().trim().min(1).optional(),
  /** Language-model time limits: whole answer, and until the first token. */
  CLARA_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /** POST /api/chat: new messages per minute per client IP, and per chat session. */
  CLARA_CHAT_RATE_PER_IP: z.coerce.number().int().min(1).max(100_000).default(60),
  CLARA_CHAT_RATE_PER_SESSION: z.coerce.number().int().min(1).max(100_000).default(20),
  /** POST /api/chat turns handled at once per instance (the rest wait in order), and how long one may wait (0 = no limit; then 503 + Retry-After). */
  CLARA_CHAT_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(16),
  CLARA_CHAT_QUEUE_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /**
   * Behind a reverse proxy: `false` (default) ignores X-Forwarded-* headers; `true` trusts them
   * (client IP = the first X-Forwarded-For address); a number N trusts N proxies (client IP =
   * the Nth address from the right, which a client cannot forge past an appending proxy).
   */
  CLARA_TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .regex(
      /^(true|false|[1-9][0-9]?)$/,
      'CLARA_TRUST_PROXY must be true, false or a number of proxies (1-99)',
    )
    .default('false'),
  /** Teams: the Azure Bot registration (the Bot Framework's own names); none set = Emulator mode, no auth. */
  MICROSOFT_APP_ID: z.string().trim().min(1).max(100).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).max(500).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().trim().min(1).max(100).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
  /** Teams: the workspace the MICROSOFT_APP_ID bot (or the Emulator) answers from. */
  TEAMS_WORKSPACE_ID: z.uuid().optional(),
  /** Teams: Bot Framework endpoints for private clouds (tests point them at local fakes). */
  TEAMS_OPENID_METADATA_URL: z.url().optional(),
  TEAMS_TOKEN_ISSUER: z.string().min(1).optional(),
  TEAMS_LOGIN_URL: z.url().optional(),
  TEAMS_OAUTH_SCOPE: z.string().min(1).optional(),
  /** Teams: extra Bot Connector hosts follow-ups may be sent to (comma-separated host names; private clouds, local fakes). */
  TEAMS_SERVICE_HOSTS: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Who may create an account at POST /api/auth/sign-up (Clara's own accounts); default invite (the first owner freely, then with an invite), with or without DATABASE_URL. */
  CLARA_SIGNUP: z.enum(['open', 'invite', 'closed']).optional(),
  /** Sign-up attempts allowed per client address per hour. */
  CLARA_SIGNUP_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(5),
  /** On SIGTERM/SIGINT: how long in-flight requests and answers may take to finish before the rest are cut. */
  CLARA_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  statementTimeoutMs: number;
  /** Supabase Auth and Storage, when SUPABASE_URL and SUPABASE_ANON_KEY are set. */
  supabase: { url: string; anonKey: string; jwtSecret: string | undefined } | undefined;
  publicUrl: string | undefined;
  /** NODE_ENV=production or DATABASE_URL set: serving then needs CLARA_PUBLIC_URL (`requirePublicUrl`). */
  production: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Graceful shutdown: the longest wait for in-flight requests and answers (ms). */
  shutdownTimeoutMs: number;
  /** Sign-up control for Clara's own accounts (see `createSignUpGuard`). */
  signup: { mode: 'open' | 'invite' | 'closed'; perHour: number };
  encryptionKey: string | undefined;
  teams: {
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI' | undefined;
    workspaceId: string | undefined;
    endpoints: { openIdMetadataUrl?: string; tokenIssuer?: string; loginUrl?: string; oauthScope?: string };
    /** Hosts besides Microsoft's Bot Connector ones that a stored `serviceUrl` may name (TEAMS_SERVICE_HOSTS). */
    serviceHosts: string[];
    /** The bot of MICROSOFT_APP_* and TEAMS_WORKSPACE_ID, checked whole at start-up; null when MICROSOFT_APP_ID is unset. */
    bot: TeamsEnvBot | null;
  };
  llm: {
    openAiBaseUrl: string | undefined;
    anthropicBaseUrl: string | undefined;
    /** `OPENAI_API_KEY`: embeddings for every workspace (never logged). */
    openAiEmbeddingsKey: string | undefined;
    totalTimeoutMs: number;
    firstTokenTimeoutMs: number;
  };
  chatRateLimit: { perIpPerMinute: number; perSessionPerMinute: number };
  /** Load shedding of chat turns: concurrent turns, and the longest wait for a slot (0 = none). */
  chatAdmission: { concurrency: number; maxQueueMs: number };
  /** Trust X-Forwarded-For/-Proto/-Host: `hops` = proxies trusted (0 = the whole header). */
  trustProxy: { hops: number } | false;
  slack: {
    /** The env-configured Slack app, when all of SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_WORKSPACE_ID are set. */
    app: { signingSecret: string; botToken: string; workspaceId: string } | undefined;
    apiUrl: string | undefined;
    /** "Add to Slack": one distributed app (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET); never logged. */
    oauth:
      | { clientId: string; clientSecret: string; signingSecret: string; authorizeUrl: string }
      | undefined;
  };
  /** Slack/Teams left out because their variables are incomplete or invalid (`loadConfig`'s `disable`); warn about each. */
  disabledChannels: DisabledChannel[];
}

/** The Teams bot configured by the environment: the channel's TeamsBot, its app type resolved. */
export type TeamsEnvBot = TeamsBot & { appType: NonNullable<TeamsBot['appType']> };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads and validates configuration from the environment (call once, in the composition root).
 * An incomplete or invalid Slack/Teams configuration throws with `channels: 'refuse'` (the
 * default: serving); with `disable` that channel is left out and listed in `disabledChannels`.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { channels?: ChannelProblemMode } = {},
): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const problems = createChannelProblems(options.channels ?? 'refuse', (m) => new ConfigError(m));
  let parsed = envSchema.safeParse(cleaned);
  if (!parsed.success && problems.dropInvalid(cleaned, parsed.error.issues))
    parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const slackEnv = [e.SLACK_SIGNING_SECRET, e.SLACK_BOT_TOKEN, e.SLACK_WORKSPACE_ID];
  const slackOAuth = [e.SLACK_CLIENT_ID, e.SLACK_CLIENT_SECRET, e.SLACK_SIGNING_SECRET];
  if (slackOAuth.slice(0, 2).some(Boolean) && !slackOAuth.every(Boolean)) {
    problems.report(
      'Slack',
      '"Add to Slack" needs all of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET',
    );
  }
  // The signing secret alone is the OAuth app's (with SLACK_CLIENT_ID); otherwise it is the env app's.
  const envApp = slackOAuth.every(Boolean) ? slackEnv.slice(1) : slackEnv;
  if (envApp.some(Boolean) && !slackEnv.every(Boolean)) {
    problems.report(
      'Slack',
      'set all of SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_WORKSPACE_ID, or none',
    );
  }
  const teamsBot = problems.check('Teams', () => teamsEnvBot(e), null);
  const slackOff = problems.isDisabled('Slack');
  const teamsOff = problems.isDisabled('Teams');
  if (Boolean(e.SUPABASE_URL) !== Boolean(e.SUPABASE_ANON_KEY)) {
    throw new ConfigError(
      'Invalid configuration:\n  set both SUPABASE_URL and SUPABASE_ANON_KEY, or neither',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.CLARA_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    supabase:
      e.SUPABASE_URL && e.SUPABASE_ANON_KEY
        ? {
            url: e.SUPABASE_URL.replace(/\/+$/, ''),
            anonKey: e.SUPABASE_ANON_KEY,
            jwtSecret: e.SUPABASE_JWT_SECRET,
          }
        : undefined,
    publicUrl: e.CLARA_PUBLIC_URL,
    production: e.NODE_ENV === 'production' || Boolean(e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.CLARA_SHUTDOWN_TIMEOUT_MS,
    signup: {
      mode: e.CLARA_SIGNUP ?? 'invite',
      perHour: e.CLARA_SIGNUP_PER_HOUR,
    },
    encryptionKey: e.CLARA_ENCRYPTION_KEY,
    teams: {
      // A disabled Teams is off altogether (not the Emulator mode of TEAMS_WORKSPACE_ID alone).
      appId: teamsOff ? undefined : e.MICROSOFT_APP_ID,
      appPassword: teamsOff ? undefined : e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
      workspaceId: teamsOff ? undefined : e.TEAMS_WORKSPACE_ID,
      endpoints: {
        openIdMetadataUrl: e.TEAMS_OPENID_METADATA_URL,
        tokenIssuer: e.TEAMS_TOKEN_ISSUER,
        loginUrl: e.TEAMS_LOGIN_URL,
        oauthScope: e.TEAMS_OAUTH_SCOPE,
      },
      serviceHosts: (e.TEAMS_SERVICE_HOSTS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
      bot: teamsBot,
    },
    llm: {
      openAiBaseUrl: e.OPENAI_BASE_URL,
      anthropicBaseUrl: e.ANTHROPIC_BASE_URL,
      openAiEmbeddingsKey: e.OPENAI_API_KEY,
      totalTimeoutMs: e.CLARA_LLM_TIMEOUT_MS,
      firstTokenTimeoutMs: e.CLARA_LLM_FIRST_TOKEN_TIMEOUT_MS,
    },
    chatRateLimit: {
      perIpPerMinute: e.CLARA_CHAT_RATE_PER_IP,
      perSessionPerMinute: e.CLARA_CHAT_RATE_PER_SESSION,
    },
    chatAdmission: { concurrency: e.CLARA_CHAT_CONCURRENCY, maxQueueMs: e.CLARA_CHAT_QUEUE_MS },
    trustProxy: parseTrustProxy(e.CLARA_TRUST_PROXY),
    slack: {
      app:
        !slackOff && e.SLACK_SIGNING_SECRET && e.SLACK_BOT_TOKEN && e.SLACK_WORKSPACE_ID
          ? {
              signingSecret: e.SLACK_SIGNING_SECRET,
              botToken: e.SLACK_BOT_TOKEN,
              workspaceId: e.SLACK_WORKSPACE_ID,
            }
          : undefined,
      apiUrl: e.SLACK_API_URL,
      oauth:
        !slackOff && e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET && e.SLACK_SIGNING_SECRET
          ? {
              clientId: e.SLACK_CLIENT_ID,
              clientSecret: e.SLACK_CLIENT_SECRET,
              signingSecret: e.SLACK_SIGNING_SECRET,
              authorizeUrl: e.SLACK_OAUTH_AUTHORIZE_URL,
            }
          : undefined,
    },
    disabledChannels: problems.disabled,
  };
}

/** What `clara eval --with-key` reads: the OpenAI key and endpoint, and nothing else it could fail on. */
export interface EvalConfig {
  openAiKey: string | undefined;
  openAiBaseUrl: string | undefined;
}

/** Reads `clara eval`'s two variables (eval runs on its own database, whatever else is configured). */
export function loadEvalConfig(env: NodeJS.ProcessEnv = process.env): EvalConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = envSchema.pick({ OPENAI_API_KEY: true, OPENAI_BASE_URL: true }).safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { openAiKey: parsed.data.OPENAI_API_KEY, openAiBaseUrl: parsed.data.OPENAI_BASE_URL };
}

/**
 * Refuses to serve in production mode without CLARA_PUBLIC_URL: without it the widget snippet,
 * Slack/Teams URLs, asset URLs and sign-in links are built from the request's Host header,
 * which any client chooses. Called by `clara serve` / `clara start` before anything opens.
 */
export function requirePublicUrl(config: Pick<Config, 'production' | 'publicUrl'>): void {
  if (!config.production || config.publicUrl) return;
  throw new ConfigError(
    'Invalid configuration:\n  CLARA_PUBLIC_URL is required in production (NODE_ENV=production or DATABASE_URL set):\n' +
      '  set it to the URL visitors reach Clara at, e.g. CLARA_PUBLIC_URL=https://clara.example.com\n' +
      '  (without it, links and snippets would be built from the Host header a client sends)',
  );
}

function teamsEnvBot(e: z.infer<typeof envSchema>): TeamsEnvBot | null {
  if (!e.MICROSOFT_APP_ID) return null;
  const fail = (message: string) => new ConfigError(`Invalid configuration:\n  ${message}`);
  if (!e.TEAMS_WORKSPACE_ID)
    throw fail('MICROSOFT_APP_ID is set: set TEAMS_WORKSPACE_ID to the workspace it answers from');
  const appType = e.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  if (appType !== 'UserAssignedMSI' && !e.MICROSOFT_APP_PASSWORD)
    throw fail('MICROSOFT_APP_ID is set: set MICROSOFT_APP_PASSWORD too');
  if (appType !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID)
    throw fail(`MICROSOFT_APP_TYPE=${appType} needs MICROSOFT_APP_TENANT_ID`);
  return {
    appId: e.MICROSOFT_APP_ID,
    workspaceId: e.TEAMS_WORKSPACE_ID,
    appPassword: e.MICROSOFT_APP_PASSWORD,
    tenantId: e.MICROSOFT_APP_TENANT_ID,
    appType,
  };
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  if (value === 'false') return false;
  return { hops: value === 'true' ? 0 : Number(value) };
}
