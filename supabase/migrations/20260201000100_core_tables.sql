-- Seed migration 5A-1 (../shared/seed/SCHEMA.md), verbatim.
-- ============================================
-- Migration 5A-1: Core tables for Clara chatbot
-- Run in Supabase SQL Editor on the NEW project
-- Schema is forward-compatible: includes v1.1 columns
-- ============================================

-- Enable pgvector extension
CREATE EXTENSION IF NOT EXISTS vector;

-- ────────────────────────────────────────────
-- Table: workspaces
-- ────────────────────────────────────────────
CREATE TABLE workspaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id uuid NOT NULL REFERENCES auth.users(id) ON DELETE CASCADE,
  name text NOT NULL DEFAULT 'My Chatbot',
  settings jsonb NOT NULL DEFAULT '{
    "display_name": "Clara",
    "welcome_message": "Hi! How can I help you today?",
    "placeholder_text": "Type your message...",
    "suggested_messages": [],
    "booking_url": null,
    "primary_color": "#6366f1",
    "bubble_color": "#000000",
    "bubble_position": "right",
    "avatar_url": null,
    "chat_icon_url": null,
    "personality_prompt": "### Business Context\nDescribe what your company does, your key services, and your target audience.\n\n### Role\nYou are Clara, a friendly and knowledgeable virtual assistant. Your primary role is to answer questions accurately using the knowledge base provided. Be conversational, helpful, and professional.\n\n### Constraints\n1. Only answer from the knowledge base context provided.\n2. If you don not have enough information, be honest and suggest booking a call.\n3. Never make up information or speculate beyond what the knowledge base contains.\n4. Keep responses concise — 2-4 sentences for simple questions.",
    "confidence_threshold": 0.78,
    "max_suggestion_chips": 3,
    "escalation_enabled": true,
    "powered_by_clara": true
  }'::jsonb,
  onboarding_completed_steps jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE(owner_id)
);

COMMENT ON TABLE workspaces IS 'One workspace per user. Multi-tenant isolation unit.';

-- ────────────────────────────────────────────
-- Table: api_keys
-- ────────────────────────────────────────────
CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('openai', 'anthropic')),
  model text NOT NULL,
  encrypted_key text NOT NULL,
  key_last4 text NOT NULL,
  label text,
  is_default boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON COLUMN api_keys.encrypted_key IS 'AES-256-GCM encrypted. Format: iv:authTag:ciphertext (hex-encoded).';

-- ────────────────────────────────────────────
-- Table: qa_pairs
-- ────────────────────────────────────────────
CREATE TABLE qa_pairs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  question text NOT NULL,
  answer text NOT NULL,
  category text NOT NULL DEFAULT 'general',
  embedding vector(1536),
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'csv_import', 'transcript_extraction')),
  is_active boolean NOT NULL DEFAULT true,
  metadata jsonb DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- ────────────────────────────────────────────
-- Table: chat_sessions
-- summary column included for v1.1 (unused in v1.0)
-- ────────────────────────────────────────────
CREATE TABLE chat_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  session_token text NOT NULL,
  messages jsonb NOT NULL DEFAULT '[]',
  summary jsonb DEFAULT NULL,
  metadata jsonb DEFAULT '{}',
  visitor_name text,
  visitor_email text,
  escalated boolean NOT NULL DEFAULT false,
  escalated_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT chat_sessions_workspace_token_unique UNIQUE(workspace_id, session_token)
);

-- ────────────────────────────────────────────
-- Table: qa_gaps
-- ────────────────────────────────────────────
CREATE TABLE qa_gaps (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  question text NOT NULL,
  ai_answer text,
  best_match_id uuid REFERENCES qa_pairs(id) ON DELETE SET NULL,
  similarity_score float,
  session_id uuid REFERENCES chat_sessions(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  resolved_qa_id uuid REFERENCES qa_pairs(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- ────────────────────────────────────────────
-- Indexes
-- ────────────────────────────────────────────
CREATE INDEX idx_qa_pairs_embedding ON qa_pairs
  USING ivfflat (embedding vector_cosine_ops)
  WITH (lists = 50);

CREATE INDEX idx_qa_pairs_workspace ON qa_pairs(workspace_id);
CREATE INDEX idx_qa_pairs_workspace_active ON qa_pairs(workspace_id, is_active);
CREATE INDEX idx_chat_sessions_workspace ON chat_sessions(workspace_id);
CREATE INDEX idx_chat_sessions_token ON chat_sessions(session_token);
CREATE INDEX idx_qa_gaps_workspace ON qa_gaps(workspace_id);
CREATE INDEX idx_qa_gaps_workspace_status ON qa_gaps(workspace_id, status);
CREATE INDEX idx_api_keys_workspace ON api_keys(workspace_id);

-- ────────────────────────────────────────────
-- Functions
-- ────────────────────────────────────────────
CREATE OR REPLACE FUNCTION search_qa_pairs(
  p_workspace_id uuid,
  query_embedding vector(1536),
  match_threshold float DEFAULT 0.5,
  match_count int DEFAULT 5
)
RETURNS TABLE (
  id uuid,
  question text,
  answer text,
  category text,
  similarity float
)
LANGUAGE plpgsql
AS $$
BEGIN
  RETURN QUERY
  SELECT
    qp.id,
    qp.question,
    qp.answer,
    qp.category,
    1 - (qp.embedding <=> query_embedding) AS similarity
  FROM qa_pairs qp
  WHERE qp.workspace_id = p_workspace_id
    AND qp.is_active = true
    AND qp.embedding IS NOT NULL
    AND 1 - (qp.embedding <=> query_embedding) > match_threshold
  ORDER BY qp.embedding <=> query_embedding
  LIMIT match_count;
END;
$$;

CREATE OR REPLACE FUNCTION set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$;

CREATE TRIGGER set_updated_at_workspaces
  BEFORE UPDATE ON workspaces
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER set_updated_at_api_keys
  BEFORE UPDATE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER set_updated_at_qa_pairs
  BEFORE UPDATE ON qa_pairs
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TRIGGER set_updated_at_chat_sessions
  BEFORE UPDATE ON chat_sessions
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ────────────────────────────────────────────
-- Row Level Security (RLS)
-- ────────────────────────────────────────────
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE qa_pairs ENABLE ROW LEVEL SECURITY;
ALTER TABLE chat_sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE qa_gaps ENABLE ROW LEVEL SECURITY;

CREATE POLICY workspace_owner ON workspaces
  FOR ALL USING (owner_id = auth.uid());

CREATE POLICY api_keys_owner ON api_keys
  FOR ALL USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );

CREATE POLICY qa_pairs_owner ON qa_pairs
  FOR ALL USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );

CREATE POLICY chat_sessions_owner ON chat_sessions
  FOR ALL USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );

CREATE POLICY qa_gaps_owner ON qa_gaps
  FOR ALL USING (
    workspace_id IN (SELECT id FROM workspaces WHERE owner_id = auth.uid())
  );
