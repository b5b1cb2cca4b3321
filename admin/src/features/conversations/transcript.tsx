import { Notice } from '../../components/page-header';
import { useLoad } from '../../lib/use-load';
import { getConversation } from './conversations-api';
import { DeleteConversation } from './delete-conversation';

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
        {c.channel} · started {new Date(c.created_at).toLocaleString()}
        {c.escalated ? ' · asked for a person' : c.booking_offered ? ' · booking link offered' : ''}
      </div>
      {c.messages.map((m) => (
        <div key={m.message_id} className={`msg ${m.role}`}>
          <div className="bubble">{m.content}</div>
          {m.role === 'assistant' ? (
            <div className="msg-meta">
              {m.gap_detected ? (
                <span className="badge warn">gap</span>
              ) : (
                <span className="badge ok">answered</span>
              )}
              {m.confidence !== undefined ? <span>confidence {Math.round(m.confidence * 100)}%</span> : null}
              {(m.matched_qa_ids ?? []).slice(0, 3).map((qa) => (
                <span key={qa} className="matched" title="Matched pair">
                  {data.matched_pairs[qa] ?? 'deleted pair'}
                </span>
              ))}
            </div>
          ) : null}
        </div>
      ))}
    </div>
  );
}
