import { Result } from 'antd';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

/** What a page says to someone without its permission. Its own chunk: antd's Result carries its illustrations. */
export default function Forbidden() {
  useDocumentTitle('Không có quyền');
  return (
    <Result
      status="403"
      title="Bạn không có quyền xem trang này"
      subTitle="Trang này dành cho quản trị viên. Nếu bạn cần dùng, hãy liên hệ quản trị hệ thống của đơn vị."
      data-testid="forbidden"
    />
  );
}
