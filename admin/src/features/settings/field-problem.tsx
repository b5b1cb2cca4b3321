/** What is wrong with each field of the Settings form, by setting key (or `name`). */
export type Problems = Partial<Record<string, string>>;

const problemId = (field: string) => `problem-${field}`;

/** Marks an input invalid and points its description at the field's problem line. */
export function invalidProps(problems: Problems, field: string) {
  return problems[field] ? { 'aria-invalid': true, 'aria-describedby': problemId(field) } : {};
}

/** The field's problem, shown right under it ("Give Clara a name."). */
export function FieldProblem(props: { problems: Problems; field: string }) {
  const message = props.problems[props.field];
  return message ? (
    <span id={problemId(props.field)} className="field-problem small">
      {message}
    </span>
  ) : null;
}
