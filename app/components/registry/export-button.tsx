import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';

/**
 * "Xuất Excel/CSV": plain links the browser downloads itself, so a 50,000-row export streams
 * from the server to disk without passing through the page's memory.
 */
export function ExportButton({ urlFor, testId }: { urlFor: (format: 'xlsx' | 'csv') => string; testId: string }) {
  return (
    <Dropdown
      menu={{
        items: [
          {
            key: 'xlsx',
            label: (
              <a href={urlFor('xlsx')} download data-testid={`${testId}-xlsx`}>
                Tệp Excel (.xlsx)
              </a>
            ),
          },
          {
            key: 'csv',
            label: (
              <a href={urlFor('csv')} download data-testid={`${testId}-csv`}>
                Tệp CSV (.csv)
              </a>
            ),
          },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid={testId}>
        Xuất Excel/CSV
      </Button>
    </Dropdown>
  );
}
