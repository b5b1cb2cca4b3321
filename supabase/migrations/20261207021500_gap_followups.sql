-- ============================================
-- Follow-ups when a gap is answered (issue 17 #5): when the owner resolves a gap that was
-- asked in Slack or Teams, Clara tells the asker in the same thread or chat. The outbox row
-- is written by a trigger in the very transaction that resolves the gap, whichever path
-- resolves it (answer, link, group actions), so a resolution is never without its follow-up
-- and a rolled-back one never has one. One row per gap (unique), claimed by a dispatcher on
-- any instance with a conditional UPDATE … FOR UPDATE SKIP LOCKED, so it is sent once.
-- A gap a visitor closed by picking a "Did you mean…?" question (chosen_qa_id) already got
-- its answer in the chat: no follow-up. Workspaces with settings.followups_enabled = false
-- get none.
-- ============================================

CREATE TABLE gap_followups (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  gap_id uuid NOT NULL UNIQUE REFERENCES qa_gaps(id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('slack', 'teams')),
  question text NOT NULL,
  answer text NOT NULL,
  qa_id uuid REFERENCES qa_pairs(id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  claimed_until timestamptz,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The dispatcher's claim: due rows that are waiting (or whose sender's lease ran out).
CREATE INDEX idx_gap_followups_due ON gap_followups (next_attempt_at) WHERE status IN ('pending', 'sending');
CREATE INDEX idx_gap_followups_session ON gap_followups (session_id);

-- Server-side only: RLS on with no policies, and no grants to the API roles.
ALTER TABLE gap_followups ENABLE ROW LEVEL SECURITY;
REVOKE ALL ON gap_followups FROM anon, authenticated;

-- SECURITY DEFINER: owners resolve gaps as role `authenticated`, which has no access to the
-- outbox; the row must still be written, in the same transaction.
CREATE OR REPLACE FUNCTION enqueue_gap_followup()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = public
AS $$
BEGIN
  INSERT INTO gap_followups (workspace_id, gap_id, session_id, channel, question, answer, qa_id)
  SELECT NEW.workspace_id, NEW.id, s.id, s.metadata->>'channel', NEW.question, p.answer, p.id
  FROM chat_sessions s
  JOIN workspaces w ON w.id = s.workspace_id
  JOIN qa_pairs p ON p.id = NEW.resolved_qa_id AND p.workspace_id = NEW.workspace_id
  WHERE s.id = NEW.session_id
    AND s.workspace_id = NEW.workspace_id
    AND s.metadata->>'channel' IN ('slack', 'teams')
    AND coalesce(w.settings->>'followups_enabled', 'true') <> 'false'
  ON CONFLICT (gap_id) DO NOTHING;
  RETURN NULL;
END;
$$;

CREATE TRIGGER enqueue_gap_followup
  AFTER UPDATE OF status ON qa_gaps
  FOR EACH ROW
  WHEN (OLD.status = 'open' AND NEW.status = 'resolved' AND NEW.chosen_qa_id IS NULL
        AND NEW.resolved_qa_id IS NOT NULL AND NEW.session_id IS NOT NULL)
  EXECUTE FUNCTION enqueue_gap_followup();
