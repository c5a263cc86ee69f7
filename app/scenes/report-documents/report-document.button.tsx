import { FileTextOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { Suspense, lazy, useState } from 'react';

const ReportDocumentDialog = lazy(() => import('./report-document.dialog.tsx'));

export interface ReportDocumentButtonProps {
  unitId: number | undefined;
  unitName?: string;
  /** The programmes to choose from (the dashboard's); one fixed document on a document's page. */
  documents: { id: number; symbol: string | null; title: string }[];
  documentId?: number;
  year?: number;
}

/**
 * "Lập báo cáo": drafts the six-month or annual report on a programme from today's live figures,
 * as the Word document to edit and sign or the Excel tables. Used on Tổng quan and on a document's page.
 */
export function ReportDocumentButton(props: ReportDocumentButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<FileTextOutlined />}
        onClick={() => setOpen(true)}
        disabled={props.unitId === undefined || props.documents.length === 0}
        data-testid="report-document-open"
      >
        Lập báo cáo
      </Button>
      {/* A fresh dialog per opening: the choices start from the screen's document and year again. */}
      {open && (
        <Suspense fallback={null}>
          <ReportDocumentDialog {...props} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
