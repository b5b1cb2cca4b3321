-- ============================================
-- Rate limits for POST /api/chat (per client address, per chat session), kept in the
-- database so several Clara instances behind one address count together. One token
-- bucket per key: `capacity` tokens refill over a minute. The key is an HMAC digest
-- of the address or session (never the value in clear). A row idle for a minute is a
-- full bucket and carries no information: the server deletes such rows as it goes.
-- ============================================

CREATE TABLE chat_rate_limits (
  key text PRIMARY KEY,
  capacity integer NOT NULL CHECK (capacity > 0),
  tokens double precision NOT NULL,
  refilled_at timestamptz NOT NULL
);

CREATE INDEX idx_chat_rate_limits_refilled ON chat_rate_limits(refilled_at);

-- Server-side only: RLS on with no policies, and no grants to the API roles.
ALTER TABLE chat_rate_limits ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON chat_rate_limits FROM anon, authenticated;
