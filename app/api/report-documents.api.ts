import { ApiError, buildUrl, NETWORK_ERROR_MESSAGE, toApiError } from './api-client.ts';

export type ReportDocumentFormat = 'docx' | 'xlsx';

export interface ReportDocumentRequest {
  unitId: number;
  documentId: number;
  /** "2026" (năm), "2026-H1", "2026-H2" (6 tháng). */
  period: string;
  format: ReportDocumentFormat;
  signerName?: string;
  signerTitle?: string;
}

export function reportDocumentUrl(r: ReportDocumentRequest): string {
  return buildUrl('/api/report-documents', {
    unitId: r.unitId,
    documentId: r.documentId,
    period: r.period,
    format: r.format,
    signerName: r.signerName?.trim(),
    signerTitle: r.signerTitle?.trim(),
  });
}

/**
 * Fetches the file and hands it to the browser as a download. Fetched rather than linked, so a
 * refusal (a period not started, a document that does not apply) is shown as the server's
 * Vietnamese sentence instead of a page of JSON.
 */
export async function downloadReportDocument(r: ReportDocumentRequest): Promise<string> {
  let response: Response;
  try {
    response = await fetch(reportDocumentUrl(r), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) {
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = null;
    }
    throw toApiError(response.status, body);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `bao-cao.${r.format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
