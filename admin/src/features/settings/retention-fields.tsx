import type { Settings } from '@clara/contract';
import { useState } from 'react';
import { FieldProblem, invalidProps, type Problems } from './field-problem';

const suggestedDays = 90;

/** Visitors' data: how long conversations are kept (off = kept until deleted by hand). */
export function RetentionFields(props: {
  value: number | null;
  onChange: (patch: Partial<Settings>) => void;
  problems: Problems;
}) {
  const on = props.value !== null;
  // Kept as typed (an emptied box stays empty); a value that is not a whole number of days is
  // refused when saving, with the form's message.
  const [text, setText] = useState(props.value === null ? '' : String(props.value));
  return (
    <fieldset className="card">
      <legend>Visitors' data</legend>
      <label className="check-row">
        <input
          type="checkbox"
          name="retention_enabled"
          checked={on}
          onChange={(e) => {
            setText(String(suggestedDays));
            props.onChange({ retention_days: e.target.checked ? suggestedDays : null });
          }}
        />
        Delete old conversations automatically
      </label>
      {on ? (
        <label>
          Keep conversations for (days)
          <input
            type="number"
            name="retention_days"
            min={1}
            max={3650}
            step={1}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              props.onChange({ retention_days: e.target.value === '' ? Number.NaN : Number(e.target.value) });
            }}
            {...invalidProps(props.problems, 'retention_days')}
          />
          <FieldProblem problems={props.problems} field="retention_days" />
        </label>
      ) : null}
      <span className="muted small">
        {on
          ? `Once a day, conversations with no new message for ${text || 'N'} days are deleted, with the gaps filed from them. Deleted means gone: they cannot be restored.`
          : 'Conversations are kept until you delete them (Conversations page). You can export them there as CSV or JSON.'}
      </span>
    </fieldset>
  );
}
