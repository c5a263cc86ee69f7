import { Alert, Button } from 'antd';
import { errorMessage } from '../api/api-client.ts';

/** A list or a page that could not be read: the server's sentence, and Thử lại to ask again. */
export function RetryAlert({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return <Alert type="error" showIcon title={errorMessage(error)} action={<Button onClick={onRetry}>Thử lại</Button>} />;
}
