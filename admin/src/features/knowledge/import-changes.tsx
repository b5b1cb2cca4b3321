import type { ImportChange } from './knowledge-api';

/** "1 answer changed", "3 answers changed": rows of the file whose pair has another answer or category. */
export function changedText(changed: number): string {
  return `${changed} answer${changed === 1 ? '' : 's'} changed`;
}

/**
 * The preview's changed rows (the question of a pair already in the knowledge base, with another
 * answer or category), each with what it has now and what the file says, and the owner's choice
 * to update those pairs. Not chosen, they are skipped like the unchanged rows.
 */
export function ImportChanges(props: {
  changed: number;
  changes: ImportChange[];
  update: boolean;
  onUpdate: (update: boolean) => void;
}) {
  const { changed, changes } = props;
  if (changed === 0) return null;
  const category = (c: ImportChange) => (c.category === c.previous_category ? '' : ` (${c.category})`);
  const previousCategory = (c: ImportChange) =>
    c.category === c.previous_category ? '' : ` (${c.previous_category})`;
  return (
    <section className="import-changes" aria-label={changedText(changed)}>
      <h3>
        {changedText(changed)}: {changed === 1 ? 'its question is' : 'their questions are'} in the knowledge
        base with another answer
      </h3>
      <div className="row-errors">
        <table className="table compact">
          <thead>
            <tr>
              <th>Row</th>
              <th>Question</th>
              <th>Now</th>
              <th>In the file</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.row}>
                <td>{c.row}</td>
                <td>{c.question}</td>
                <td>
                  {c.previous_answer}
                  {previousCategory(c)}
                </td>
                <td>
                  {c.answer}
                  {category(c)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {changed > changes.length ? (
          <p className="muted small">…and {changed - changes.length} more.</p>
        ) : null}
      </div>
      <label className="check-row">
        <input type="checkbox" checked={props.update} onChange={(e) => props.onUpdate(e.target.checked)} />{' '}
        Update {changed === 1 ? 'this pair' : `these ${changed} pairs`} with the file's{' '}
        {changed === 1 ? 'answer' : 'answers'} (as an edit: undoing the import does not change{' '}
        {changed === 1 ? 'it' : 'them'} back)
      </label>
    </section>
  );
}
