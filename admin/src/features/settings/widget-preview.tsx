import type { Settings } from './settings-schemas';

/** A live picture of the widget as visitors will see it, redrawn as the form changes. */
export function WidgetPreview({ s }: { s: Settings }) {
  const chips = s.suggested_messages.filter(Boolean).slice(0, s.max_suggestion_chips);
  return (
    <div className="preview" data-testid="widget-preview">
      <div className="preview-window" style={{ [s.bubble_position === 'left' ? 'left' : 'right']: 16 }}>
        <div className="preview-header" data-testid="preview-header" style={{ background: s.primary_color }}>
          <span className="preview-avatar">{s.display_name.slice(0, 1).toUpperCase()}</span>
          {s.display_name}
        </div>
        <div className="preview-body">
          <div className="preview-msg bot">{s.welcome_message || '…'}</div>
          <div className="preview-msg user" style={{ background: s.primary_color }}>
            Do you ship internationally?
          </div>
          {chips.length > 0 ? (
            <div className="preview-chips">
              {chips.map((c) => (
                <span key={c} style={{ borderColor: s.primary_color, color: s.primary_color }}>
                  {c}
                </span>
              ))}
            </div>
          ) : null}
        </div>
        <div className="preview-input">
          <span>{s.placeholder_text}</span>
          <span className="preview-send" style={{ background: s.primary_color }}>
            ➤
          </span>
        </div>
        {s.powered_by_clara ? <div className="preview-foot">Powered by Clara</div> : null}
      </div>
      <div className="preview-bubble" style={{ background: s.bubble_color, [s.bubble_position]: 16 }} />
    </div>
  );
}
