import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

export default function NotFoundScene() {
  const navigate = useNavigate();
  useDocumentTitle('Không tìm thấy trang');
  return (
    <Result
      status="404"
      title="Không tìm thấy trang"
      subTitle="Địa chỉ này không có trong hệ thống. Hãy chọn một mục trong danh mục chức năng."
      extra={
        <Button type="primary" onClick={() => navigate('/tong-quan')}>
          Về trang Tổng quan
        </Button>
      }
    />
  );
}
