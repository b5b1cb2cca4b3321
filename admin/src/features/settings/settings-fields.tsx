import type { Settings } from '@clara/contract';
import { useState } from 'react';
import { AssetFields } from './asset-fields';
import { EscalationFields } from './escalation-fields';
import { FieldProblem, invalidProps, type Problems } from './field-problem';
import { RetentionFields } from './retention-fields';
import { SuggestedMessages } from './suggested-messages';
import { ThresholdReplay } from './threshold-replay';
import './threshold-replay.css';

type Change = (patch: Partial<Settings>) => void;

function Colour(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  name: string;
  problems: Problems;
}) {
  return (
    <label>
      {props.label}
      <span className="colour">
        <input
          type="color"
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          aria-label={`${props.label} picker`}
        />
        <input
          name={props.name}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          maxLength={7}
          {...invalidProps(props.problems, props.name)}
        />
      </span>
      <FieldProblem problems={props.problems} field={props.name} />
    </label>
  );
}

/** The sites allowed to embed the widget, one origin per line (kept as typed while editing). */
function AllowedOrigins(props: { value: string[]; onChange: (v: string[]) => void; problems: Problems }) {
  const [text, setText] = useState(props.value.join('\n'));
  return (
    <label>
      <span>
        Allowed sites <span className="muted">(one per line; empty = any site)</span>
      </span>
      <textarea
        name="allowed_origins"
        rows={3}
        placeholder="https://shop.example"
        value={text}
        {...invalidProps(props.problems, 'allowed_origins')}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange(
            e.target.value
              .split('\n')
              .map((line) => line.trim().replace(/\/+$/, ''))
              .filter(Boolean),
          );
        }}
      />
      <FieldProblem problems={props.problems} field="allowed_origins" />
      <span className="muted small">
        Only pages on these sites can use the chat widget. Write each as scheme and host, like
        https://shop.example or http://localhost:8080. https://*.shop.example allows every subdomain of
        shop.example (list shop.example too if the widget is on it). On a shared host (github.io,
        myshopify.com, co.uk…) list your own site, like https://myshop.github.io, not https://*.github.io.
      </span>
    </label>
  );
}

/** The settings fields, grouped Content / Style / AI / Escalation / Website. */
export function SettingsFields(props: {
  s: Settings;
  name: string;
  onName: (v: string) => void;
  onChange: Change;
  /** Each field's problem after a refused save, shown under the field. */
  problems: Problems;
}) {
  const { s, onChange, problems } = props;
  return (
    <>
      <fieldset className="card">
        <legend>Content</legend>
        <label>
          <span>
            Workspace name <span className="muted">(only you see it)</span>
          </span>
          <input
            name="name"
            value={props.name}
            onChange={(e) => props.onName(e.target.value)}
            maxLength={100}
            {...invalidProps(problems, 'name')}
          />
          <FieldProblem problems={problems} field="name" />
        </label>
        <label>
          Bot name
          <input
            name="display_name"
            value={s.display_name}
            onChange={(e) => onChange({ display_name: e.target.value })}
            maxLength={60}
            {...invalidProps(problems, 'display_name')}
          />
          <FieldProblem problems={problems} field="display_name" />
        </label>
        <label>
          Welcome message
          <textarea
            rows={2}
            value={s.welcome_message}
            onChange={(e) => onChange({ welcome_message: e.target.value })}
            maxLength={500}
            {...invalidProps(problems, 'welcome_message')}
          />
          <FieldProblem problems={problems} field="welcome_message" />
        </label>
        <label>
          Input placeholder
          <input
            value={s.placeholder_text}
            onChange={(e) => onChange({ placeholder_text: e.target.value })}
            maxLength={120}
            {...invalidProps(problems, 'placeholder_text')}
          />
          <FieldProblem problems={problems} field="placeholder_text" />
        </label>
        <SuggestedMessages
          value={s.suggested_messages}
          onChange={(v) => onChange({ suggested_messages: v })}
          problems={problems}
        />
      </fieldset>
      <fieldset className="card">
        <legend>Style</legend>
        <div className="row">
          <Colour
            label="Primary colour"
            name="primary_color"
            value={s.primary_color}
            onChange={(v) => onChange({ primary_color: v })}
            problems={problems}
          />
          <Colour
            label="Bubble colour"
            name="bubble_color"
            value={s.bubble_color}
            onChange={(v) => onChange({ bubble_color: v })}
            problems={problems}
          />
        </div>
        <label>
          Bubble position
          <select
            value={s.bubble_position}
            onChange={(e) => onChange({ bubble_position: e.target.value as 'left' | 'right' })}
          >
            <option value="right">Bottom right</option>
            <option value="left">Bottom left</option>
          </select>
          <FieldProblem problems={problems} field="bubble_position" />
        </label>
        <AssetFields s={s} onChange={onChange} />
      </fieldset>
      <fieldset className="card">
        <legend>AI</legend>
        <label>
          Personality prompt
          <textarea
            rows={10}
            value={s.personality_prompt}
            onChange={(e) => onChange({ personality_prompt: e.target.value })}
            maxLength={10_000}
            aria-describedby="personality-hint"
            {...invalidProps(problems, 'personality_prompt')}
          />
          <span id="personality-hint" className="muted small">
            How Clara words answers with your own OpenAI or Anthropic key (API keys). Without a key, Clara
            answers with your answers exactly as written.
          </span>
          <FieldProblem problems={problems} field="personality_prompt" />
        </label>
        <label>
          <span>
            Confidence threshold: <strong>{s.confidence_threshold.toFixed(2)}</strong>
          </span>
          <input
            type="range"
            name="confidence_threshold"
            min={0.5}
            max={0.95}
            step={0.01}
            value={s.confidence_threshold}
            onChange={(e) => onChange({ confidence_threshold: Number(e.target.value) })}
          />
          <span className="muted small">
            Below this confidence, Clara asks “Did you mean…?” or says she does not know, and files a gap.
            Higher is stricter.
          </span>
        </label>
        <ThresholdReplay threshold={s.confidence_threshold} />
        <label>
          Suggestion chips per answer
          <select
            value={s.max_suggestion_chips}
            onChange={(e) => onChange({ max_suggestion_chips: Number(e.target.value) })}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <EscalationFields s={s} problems={problems} onChange={onChange} />
      <fieldset className="card">
        <legend>Slack and Teams</legend>
        <label className="check-row">
          <input
            type="checkbox"
            name="followups_enabled"
            checked={s.followups_enabled}
            onChange={(e) => onChange({ followups_enabled: e.target.checked })}
          />
          Tell colleagues when their question is answered
        </label>
        <span className="muted small">
          When you answer a gap that was asked in Slack or Teams, Clara posts the answer in the same thread or
          chat, with thumbs to rate it. Website visitors are never contacted: the Gaps page shows their email
          so you can reply yourself.
        </span>
      </fieldset>
      <fieldset className="card">
        <legend>Website</legend>
        <AllowedOrigins
          value={s.allowed_origins}
          onChange={(v) => onChange({ allowed_origins: v })}
          problems={problems}
        />
      </fieldset>
      <RetentionFields value={s.retention_days} onChange={onChange} problems={problems} />
    </>
  );
}
