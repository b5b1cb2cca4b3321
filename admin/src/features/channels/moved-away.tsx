import { useState } from 'react';
import { Notice } from '../../components/page-header';
import { formatDate } from '../../lib/format-date';
import type { ConnectionMove } from './channels-api';

/** What was lost, in the owner's words: “Acme” (T0123), or the bare id when it had no label. */
const named = (m: ConnectionMove) => (m.label ? `“${m.label}” (${m.external_id})` : m.external_id);

function MoveNotice(props: { move: ConnectionMove; onDismiss: () => Promise<unknown> }) {
  const { move } = props;
  const [busy, setBusy] = useState(false);
  const slack = move.channel === 'slack';
  return (
    <Notice kind="warning">
      <div className="move-notice" data-testid="moved-away">
        <p>
          {slack ? 'Your Slack workspace ' : 'Your Teams bot '}
          {named(move)} was connected to another Clara account on {formatDate(move.moved_at)} by someone who{' '}
          {slack ? 'could install apps there' : 'holds the bot’s app password'}. Clara no longer answers in it
          for this workspace. If this wasn’t intended, reconnect it below.
        </p>
        <button
          type="button"
          className="ghost small"
          disabled={busy}
          aria-label={`Dismiss the notice about ${move.external_id}`}
          onClick={() => {
            setBusy(true);
            props.onDismiss().finally(() => setBusy(false));
          }}
        >
          Dismiss
        </button>
      </div>
    </Notice>
  );
}

/**
 * Slack teams and Teams bots this workspace lost to another Clara account (who proved control of
 * them): one warning each, until dismissed. Who took them is never known here.
 */
export function MovedAway(props: { moves: ConnectionMove[]; onDismiss: (id: string) => Promise<unknown> }) {
  if (props.moves.length === 0) return null;
  return (
    <>
      {props.moves.map((m) => (
        <MoveNotice key={m.id} move={m} onDismiss={() => props.onDismiss(m.id)} />
      ))}
    </>
  );
}
