import { defaultGapReply, type Settings, settingsLimits } from '@clara/contract';
import { FieldProblem, invalidProps, type Problems } from './field-problem';

/**
 * The booking link offered when a visitor wants a person (switched on with no URL is allowed: a
 * new workspace starts that way, and the page says plainly what visitors then get), and the
 * owner's own reply when Clara has no answer.
 */
export function EscalationFields(props: {
  s: Settings;
  problems: Problems;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const { s, problems, onChange } = props;
  const noLink = s.escalation_enabled && !s.booking_url;
  return (
    <fieldset className="card">
      <legend>Escalation</legend>
      <label className="check-row">
        <input
          type="checkbox"
          name="escalation_enabled"
          checked={s.escalation_enabled}
          aria-describedby={noLink ? 'escalation-no-link' : undefined}
          onChange={(e) => onChange({ escalation_enabled: e.target.checked })}
        />
        Offer a booking link when a visitor wants a person
      </label>
      {noLink ? (
        <p id="escalation-no-link" className="notice warning small">
          Without a booking URL, visitors who ask for a person cannot be offered a call. Clara tells them she
          cannot book one here and passes their question to your Gap inbox.
        </p>
      ) : null}
      <label>
        Booking URL
        <input
          type="url"
          name="booking_url"
          placeholder="https://cal.com/your-team"
          value={s.booking_url ?? ''}
          onChange={(e) => onChange({ booking_url: e.target.value || null })}
          {...invalidProps(problems, 'booking_url')}
        />
        <FieldProblem problems={problems} field="booking_url" />
      </label>
      <label>
        <span>
          Reply when Clara has no answer <span className="muted">(empty = Clara’s own)</span>
        </span>
        <textarea
          name="gap_reply"
          rows={2}
          maxLength={settingsLimits.gap_reply}
          placeholder={defaultGapReply}
          value={s.gap_reply}
          onChange={(e) => onChange({ gap_reply: e.target.value })}
          {...invalidProps(problems, 'gap_reply')}
        />
        <FieldProblem problems={problems} field="gap_reply" />
        <span className="muted small">
          Used in the widget, Slack and Teams when the knowledge base does not answer a question, for example
          “I don’t know that yet. Call us on 01234 567890.” The question still goes to your Gap inbox. Clara
          cannot contact visitors, so promise only what you will do.
        </span>
      </label>
    </fieldset>
  );
}
