import { useEffect } from 'react';

export const PRODUCT_NAME = 'Tiến Độ';

/** Browser tab and history entries name the screen first, then the product. */
export function useDocumentTitle(screen: string | undefined): void {
  useEffect(() => {
    document.title = screen ? `${screen} — ${PRODUCT_NAME}` : `${PRODUCT_NAME} — Công đoàn Việt Nam`;
  }, [screen]);
}
