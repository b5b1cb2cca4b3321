import { useId } from 'react';

/**
 * The category of an answer written from the inbox, as Add pair asks it: a free text field
 * suggesting `categories` (the workspace's own first), so the owner may also type a new one.
 */
export function CategoryField(props: { categories: string[]; defaultValue?: string }) {
  const listId = useId();
  return (
    <label>
      Category
      <input
        name="category"
        list={listId}
        defaultValue={props.defaultValue ?? 'general'}
        autoComplete="off"
      />
      <datalist id={listId}>
        {props.categories.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </label>
  );
}
