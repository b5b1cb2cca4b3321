import type { Settings } from '@clara/contract';
import { FieldProblem, invalidProps, type Problems } from './field-problem';

/**
 * The booking link offered when a visitor wants a person. Switched on with no URL is allowed (a
 * new workspace starts that way), but the page says plainly what visitors then get.
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
    </fieldset>
  );
}
