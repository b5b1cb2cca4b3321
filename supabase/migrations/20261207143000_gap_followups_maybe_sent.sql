-- ============================================
-- A follow-up attempt whose outcome is unknown (the request was written, then the connection
-- timed out or was reset, or the channel answered 5xx) may have reached the asker. Retrying
-- it blindly posts the answer twice. maybe_sent_since records when the first such attempt
-- started: a channel that can look its own messages up (Slack: message metadata) searches
-- the conversation from then on before posting again, and marks the row sent if it finds it.
-- Null: no attempt so far may have been delivered.
-- ============================================

ALTER TABLE gap_followups ADD COLUMN maybe_sent_since timestamptz;
