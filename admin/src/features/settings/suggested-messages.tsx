import { useEffect, useRef, useState } from 'react';
import { FieldProblem, invalidProps, type Problems } from './field-problem';

const slotCount = 5;

/** The five slots shown for a saved list (empty slots after the messages). */
const slotsOf = (messages: readonly string[]): string[] =>
  [...messages, ...Array<string>(slotCount).fill('')].slice(0, slotCount);

/** What is saved from the slots: each message trimmed, empty slots dropped. */
export const cleanSuggestions = (slots: readonly string[]): string[] =>
  slots.map((t) => t.trim()).filter(Boolean);

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * The five suggested-message inputs. Each keeps exactly what is typed, in its own slot, while
 * editing; the settings get the cleaned list (trimmed, empties dropped). The slots follow the
 * settings only when those change from elsewhere (loaded or saved).
 */
export function SuggestedMessages(props: {
  value: string[];
  onChange: (messages: string[]) => void;
  problems: Problems;
}) {
  const [slots, setSlots] = useState(() => slotsOf(props.value));
  const sent = useRef(cleanSuggestions(slots));

  useEffect(() => {
    if (!same(props.value, sent.current)) {
      sent.current = props.value;
      setSlots(slotsOf(props.value));
    }
  }, [props.value]);

  return (
    <fieldset className="suggested-messages" aria-labelledby="suggested-messages-label">
      <div className="label" id="suggested-messages-label">
        Suggested messages (up to {slotCount})
      </div>
      {slots.map((text, i) => (
        <input
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed five slots
          key={i}
          className="stacked"
          name={`suggested_message_${i + 1}`}
          aria-label={`Suggested message ${i + 1}`}
          value={text}
          placeholder={`Suggestion ${i + 1}`}
          maxLength={200}
          onChange={(e) => {
            const next = slots.map((t, j) => (j === i ? e.target.value : t));
            setSlots(next);
            sent.current = cleanSuggestions(next);
            props.onChange(sent.current);
          }}
          {...invalidProps(props.problems, 'suggested_messages')}
        />
      ))}
      <FieldProblem problems={props.problems} field="suggested_messages" />
    </fieldset>
  );
}
