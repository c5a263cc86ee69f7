/** The server's refusal that names no field, under the form in antd's error style. */
export function FormErrorLine({ message, testId }: { message: string | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <div className="ant-form-item-explain-error" data-testid={testId}>
      {message}
    </div>
  );
}
