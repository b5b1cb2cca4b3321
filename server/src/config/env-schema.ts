import { z } from 'zod';

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
  /** First cool-down of a key's circuit breaker after a provider/network failure (doubles, max 5 min); 0 = off. */
  CLARA_LLM_BREAKER_MS: z.coerce.number().int().min(0).max(300_000).default(30_000),
  /** POST /api/chat: new messages per minute per client IP, and per chat session. */
  CLARA_CHAT_RATE_PER_IP: z.coerce.number().int().min(1).max(100_000).default(60),
  CLARA_CHAT_RATE_PER_SESSION: z.coerce.number().int().min(1).max(100_000).default(20),
  /** POST /api/chat turns handled at once per instance (the rest wait in order), and how long one may wait (0 = no limit; then 503 + Retry-After). */
  CLARA_CHAT_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(16),
  CLARA_CHAT_QUEUE_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  /** Of those, turns one workspace may hold while another workspace has a turn waiting (unset: half of CLARA_CHAT_CONCURRENCY, rounded up). */
  CLARA_CHAT_CONCURRENCY_PER_WORKSPACE: z.coerce.number().int().min(1).max(10_000).optional(),
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

/** The environment after validation: what the configuration sections are built from. */
export type Env = z.infer<typeof envSchema>;
