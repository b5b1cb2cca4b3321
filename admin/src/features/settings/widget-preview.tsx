import { type AdminPair, defaultGapReply, markdownToHtml, type Settings } from '@clara/contract';
import { useRef } from 'react';
import { api } from '../../lib/api';
import { useLoad } from '../../lib/use-load';
import { textColorOn } from './text-color';
import './widget-preview.css';

// The widget's chat icon (widget/src/dom.ts ICONS.chat).
const chatIcon = 'M20 2H4a2 2 0 0 0-2 2v18l4-4h14a2 2 0 0 0 2-2V4a2 2 0 0 0-2-2z';

const isColour = (c: string) => /^#[0-9a-f]{6}$/i.test(c);

/** The colour as typed once it is one (#rrggbb); while it is half-typed, the last that was. */
function useLastColour(colour: string, fallback: string): string {
  const last = useRef(isColour(colour) ? colour : fallback);
  if (isColour(colour)) last.current = colour;
  return last.current;
}

/**
 * The workspace's first active pair of its own (the knowledge list's first; never a visitor's
 * wording kept as a phrasing), or null when it has none.
 */
function useFirstPair(): AdminPair | null {
  const { data } = useLoad(
    () =>
      api<{ items: AdminPair[] }>('GET', '/admin/knowledge?active=true&phrasings=exclude&page=1&page_size=1'),
    'settings:preview-pair',
  );
  return data?.items[0] ?? null;
}

/**
 * A live picture of the widget as visitors will see it, redrawn as the form changes: one of the
 * workspace's own pairs as a visitor's question and Clara's reply (a neutral placeholder when the
 * knowledge base is empty, never made-up facts), the suggestion chips, the reply to a question it
 * cannot answer (the owner's own or Clara's), and the bubble with its icon.
 */
export function WidgetPreview({ s }: { s: Settings }) {
  const pair = useFirstPair();
  const chips = s.suggested_messages.filter(Boolean).slice(0, s.max_suggestion_chips);
  const primary = useLastColour(s.primary_color, '#6366f1');
  const bubble = useLastColour(s.bubble_color, '#000000');
  const onPrimary = { background: primary, color: textColorOn(primary) };
  return (
    <div className="preview" data-testid="widget-preview">
      <p className="preview-caption" data-testid="preview-caption">
        {pair ? 'Preview, with one of your own questions' : 'Preview (add a question to see your own)'}
      </p>
      <div className="preview-window" style={{ [s.bubble_position === 'left' ? 'left' : 'right']: 16 }}>
        <div className="preview-header" data-testid="preview-header" style={onPrimary}>
          {s.avatar_url ? (
            <img className="preview-avatar" src={s.avatar_url} alt="" />
          ) : (
            <span className="preview-avatar">{s.display_name.slice(0, 1).toUpperCase()}</span>
          )}
          {s.display_name}
        </div>
        <div className="preview-body">
          <div className="preview-msg bot">{s.welcome_message || '…'}</div>
          <div className="preview-msg user" style={onPrimary} data-testid="preview-question">
            {pair ? pair.question : "A visitor's question"}
          </div>
          <div
            className="preview-msg bot"
            data-testid="preview-answer"
            // Escaped markdown with the widget's rules (contract markdown-html.ts): no raw HTML passes.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: markdownToHtml escapes all text
            dangerouslySetInnerHTML={{
              __html: markdownToHtml(pair ? pair.answer : 'The answer from your knowledge base'),
            }}
          />
          {chips.length > 0 ? (
            <div className="preview-chips">
              {chips.map((c) => (
                <span key={c} style={{ borderColor: primary }}>
                  {c}
                </span>
              ))}
            </div>
          ) : null}
          <div className="preview-msg user" style={onPrimary}>
            A question your knowledge base does not answer
          </div>
          <div
            className="preview-msg bot"
            data-testid="preview-gap-reply"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: markdownToHtml escapes all text
            dangerouslySetInnerHTML={{ __html: markdownToHtml(s.gap_reply.trim() || defaultGapReply) }}
          />
          {/* The widget follows this reply with suggestions (the closest or most asked questions). */}
          <div className="preview-chips" data-testid="preview-gap-chips">
            <span className="preview-chips-note">Followed by suggestions, for example:</span>
            {['A similar question', 'A popular question'].map((c) => (
              <span key={c} style={{ borderColor: primary }}>
                {c}
              </span>
            ))}
          </div>
        </div>
        <div className="preview-input">
          <span>{s.placeholder_text}</span>
          <span className="preview-send" style={onPrimary}>
            ➤
          </span>
        </div>
        {s.powered_by_clara ? <div className="preview-foot">Powered by Clara</div> : null}
      </div>
      <div
        className="preview-bubble"
        style={{ background: bubble, color: textColorOn(bubble), [s.bubble_position]: 16 }}
      >
        {s.chat_icon_url ? (
          <img src={s.chat_icon_url} alt="" width={28} height={28} />
        ) : (
          <svg viewBox="0 0 24 24" width={28} height={28} aria-hidden="true" focusable="false">
            <path d={chatIcon} fill="currentColor" />
          </svg>
        )}
      </div>
    </div>
  );
}
