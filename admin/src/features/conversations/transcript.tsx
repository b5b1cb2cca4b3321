import { Notice } from '../../components/page-header';
import { formatDateTime } from '../../lib/format-date';
import { useLoad } from '../../lib/use-load';
import { getConversation, type TranscriptMessage } from './conversations-api';
import { DeleteConversation } from './delete-conversation';
import './transcript.css';

const kindLabel = { answer: 'answered', clarify: 'did you mean', gap: 'gap' } as const;
const kindClass = { answer: 'badge ok', clarify: 'badge clarify', gap: 'badge warn' } as const;

function ReplyKindBadge({ kind }: { kind: 'answer' | 'clarify' | 'gap' }) {
  return <span className={kindClass[kind]}>{kindLabel[kind]}</span>;
}

const ratingText = {
  up: { icon: '👍', words: 'rated helpful', className: 'badge ok rating' },
  down: { icon: '👎', words: 'rated not helpful', className: 'badge warn rating' },
} as const;

/** The visitor's thumbs rating: the thumb and its words (the thumb is hidden from screen readers). */
function Rating({ rating, at }: { rating: 'up' | 'down'; at: string | undefined }) {
  const { icon, words, className } = ratingText[rating];
  return (
    <span
      className={className}
      title={at ? `The visitor ${words} this reply, ${formatDateTime(at)}` : undefined}
    >
      <span aria-hidden="true">{icon}</span> {words}
    </span>
  );
}

/** An assistant reply's kind, the visitor's rating, confidence, the pair it answered from, and the chips the visitor was shown. */
function MessageMeta({
  message: m,
  matchedPairs,
}: {
  message: TranscriptMessage;
  matchedPairs: Record<string, string>;
}) {
  const kind = m.reply_kind ?? (m.gap_detected ? 'gap' : 'answer');
  const chips = m.suggestion_chips ?? [];
  const from = kind === 'answer' ? m.matched_qa_ids?.[0] : undefined;
  // Confidence is how close the pairs came: shown for a reply answered from a pair or offering
  // pairs ("Did you mean…?"), not for one from no pair (the booking link, small talk, a gap).
  const fromPairs = kind === 'clarify' || from !== undefined;
  return (
    <div className="msg-meta">
      <ReplyKindBadge kind={kind} />
      {m.feedback ? <Rating rating={m.feedback} at={m.feedback_at} /> : null}
      {fromPairs && m.confidence !== undefined ? (
        <span>confidence {Math.round(m.confidence * 100)}%</span>
      ) : null}
      {from ? (
        <span className="matched" title="The pair this answer came from">
          answered from: {matchedPairs[from] ?? 'deleted pair'}
        </span>
      ) : null}
      {chips.length > 0 ? (
        <span className="offered-chips">
          {kind === 'clarify' ? 'offered:' : 'chips:'}
          {chips.map((chip) => (
            <span key={chip} className="offered-chip" title="Shown to the visitor as a chip">
              {chip}
            </span>
          ))}
        </span>
      ) : null}
    </div>
  );
}

/** One conversation: each answer with its confidence, matched pairs and whether it was a gap. */
export function Transcript({ id, onDeleted }: { id: string; onDeleted: () => void }) {
  const { data, error } = useLoad(() => getConversation(id), `conversation:${id}`);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!data) return <p className="muted">Loading…</p>;
  const c = data.conversation;
  return (
    <div className="transcript">
      <div className="transcript-head">
        <DeleteConversation id={id} onDeleted={onDeleted} />
      </div>
      <div className="muted small">
        {c.visitor_name || c.visitor_email ? `${c.visitor_name ?? ''} ${c.visitor_email ?? ''} · ` : ''}
        {c.channel} · started {formatDateTime(c.created_at)}
        {c.escalated ? ' · asked for a person' : c.booking_offered ? ' · booking link offered' : ''}
      </div>
      {c.messages.map((m) => (
        <div key={m.message_id} className={`msg ${m.role}`}>
          <div className="bubble">{m.content}</div>
          {m.role === 'assistant' ? <MessageMeta message={m} matchedPairs={data.matched_pairs} /> : null}
        </div>
      ))}
    </div>
  );
}
