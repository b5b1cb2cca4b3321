import { pairFormSchema } from '@clara/contract';
import { useState } from 'react';

const newCategory = '\u0000new';

/**
 * The bulk bar's "Move to category…": the workspace's own categories, or a new one typed in
 * place (checked with the pair form's rule before it is sent).
 */
export function MoveToCategory(props: { categories: string[]; onMove: (category: string) => void }) {
  const [typing, setTyping] = useState(false);
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  if (typing) {
    const move = () => {
      const parsed = pairFormSchema.shape.category.safeParse(typed.replace(/\s+/g, ' '));
      if (!parsed.success || parsed.data === '') {
        setProblem(parsed.success ? 'Type the new category.' : (parsed.error.issues[0]?.message ?? null));
        return;
      }
      setTyping(false);
      setTyped('');
      setProblem(null);
      props.onMove(parsed.data);
    };
    return (
      <span className="bulk-new-category">
        <input
          aria-label="New category"
          placeholder="New category"
          value={typed}
          // biome-ignore lint/a11y/noAutofocus: the owner just chose to type a category
          autoFocus
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') move();
            if (e.key === 'Escape') setTyping(false);
          }}
        />
        <button type="button" className="small" onClick={move}>
          Move
        </button>
        <button type="button" className="ghost small" onClick={() => setTyping(false)}>
          Cancel
        </button>
        {problem ? (
          <span className="error-text" role="alert">
            {problem}
          </span>
        ) : null}
      </span>
    );
  }
  return (
    <select
      value=""
      aria-label="Move to category"
      onChange={(e) => {
        const category = e.target.value;
        if (category === newCategory) setTyping(true);
        else if (category) props.onMove(category);
      }}
    >
      <option value="">Move to category…</option>
      {props.categories.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
      <option value={newCategory}>New category…</option>
    </select>
  );
}
