import { Alert } from 'antd';
import { errorMessage } from '../api/api-client.ts';

/** A detail page whose record could not be read: the server's Vietnamese sentence stands in for the page. */
export function SceneLoadError({ error }: { error: unknown }) {
  return (
    <div className="scene">
      <Alert type="error" showIcon title={errorMessage(error)} />
    </div>
  );
}
