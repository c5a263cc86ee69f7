/** The check messages that belong to one place of the form editor (a section, a field, a rule). */
export function ProblemLines({ lines }: { lines: string[] | undefined }) {
  if (!lines?.length) return null;
  return (
    <div className="form-problems" role="alert">
      {lines.map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}
