/** The Slack error code of a failed Web API call (`channel_not_found`, `token_revoked`, `ratelimited`, …). */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } } | null;
  if (e?.data?.error) return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  return e?.code;
}
