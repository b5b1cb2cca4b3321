import { rowLabel } from '../../lib/row-label';
import type { AdminPair } from './knowledge-api';
import './pairs-table.css';

/** How each pair's source reads in the table and the filter. */
export const sourceLabel: Record<AdminPair['source'], string> = {
  manual: 'Manual',
  csv_import: 'CSV import',
  transcript_extraction: 'Transcript',
};

/**
 * The knowledge base's table: select, question and answer, category, source, state, and the row's
 * buttons (each named after its question).
 */
export function PairsTable(props: {
  items: AdminPair[];
  selected: Set<string>;
  onSelect: (next: Set<string>) => void;
  onEdit: (pair: AdminPair) => void;
  onToggleActive: (pair: AdminPair) => void;
}) {
  const allChecked = props.items.length > 0 && props.items.every((p) => props.selected.has(p.id));
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="table-scroll" aria-label="Q&A pairs" tabIndex={0}>
      <table className="table pairs-table">
        <thead>
          <tr>
            <th className="check">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allChecked}
                onChange={() =>
                  props.onSelect(allChecked ? new Set() : new Set(props.items.map((p) => p.id)))
                }
              />
            </th>
            <th>Question</th>
            <th>Category</th>
            <th>Source</th>
            <th>State</th>
            <th>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((p) => (
            <tr key={p.id} className={p.is_active ? '' : 'inactive'}>
              <td className="check">
                <input
                  type="checkbox"
                  aria-label={`Select ${p.question}`}
                  checked={props.selected.has(p.id)}
                  onChange={() => {
                    const next = new Set(props.selected);
                    if (next.has(p.id)) next.delete(p.id);
                    else next.add(p.id);
                    props.onSelect(next);
                  }}
                />
              </td>
              <td className="pair-cell">
                <div className="q">{p.question}</div>
                {p.phrasing_of ? (
                  <div className="small phrasing-of">
                    <span className="badge">Phrasing</span> a visitor's wording of{' '}
                    <em>{p.phrasing_of.question}</em>
                  </div>
                ) : null}
                <div className="a muted">{p.answer}</div>
              </td>
              <td>
                <span className="badge">{p.category}</span>
              </td>
              <td className="muted small">{p.phrasing_of ? 'Gap inbox' : sourceLabel[p.source]}</td>
              <td>
                {p.is_active ? (
                  <span className="badge ok">Active</span>
                ) : (
                  <span className="badge off">Inactive</span>
                )}
              </td>
              <td className="actions-cell">
                <div className="row-actions">
                  <button
                    type="button"
                    className="ghost small"
                    aria-label={rowLabel('Edit', p.question)}
                    onClick={() => props.onEdit(p)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="ghost small"
                    aria-label={rowLabel(p.is_active ? 'Deactivate' : 'Restore', p.question)}
                    onClick={() => props.onToggleActive(p)}
                  >
                    {p.is_active ? 'Deactivate' : 'Restore'}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
