-- ============================================
-- Follow-ups are sent at most once. A claim (status 'sending' with a lease) let another
-- instance take a row over once the lease ran out, and send it again, even when the first
-- sender had already posted the message and only died (or stalled) before marking it sent:
-- Slack and Teams would show the answer twice.
--
-- send_started_at is set by the claim's holder, atomically and only while its lease holds,
-- just before it calls the channel. A claim whose lease ran out BEFORE that mark is taken over
-- as before (nothing was sent). One whose lease ran out AFTER it is never claimed again: its
-- outcome is unknown, so it is given up ('failed', last_error 'send_outcome_unknown') rather
-- than risk a second message; a late 'sent' or a definite failure from that sender still counts.
-- A definite failure (the channel answered with an error) clears the mark: retrying is safe.
-- ============================================

ALTER TABLE gap_followups ADD COLUMN send_started_at timestamptz;
