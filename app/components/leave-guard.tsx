import { Button, Modal, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useBlocker } from 'react-router';
import type { Autosave } from '../lib/use-autosave.ts';

/**
 * Asks before leaving a screen whose work the server does not have yet (autosave waiting, in
 * flight, failed or refused): in the app — a link, the menu, the browser's back button — with
 * this dialog (save then leave, leave anyway, stay); on closing or reloading the tab with the
 * browser's own dialog (its wording is the browser's, in the browser's language: pages cannot
 * set it any more).
 */
export function LeaveGuard({ autosave }: { autosave: Pick<Autosave, 'state' | 'saveNow' | 'hasUnsavedChanges'> }) {
  const isBlocking = useRef(autosave.hasUnsavedChanges);
  isBlocking.current = autosave.hasUnsavedChanges;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => currentLocation.pathname !== nextLocation.pathname && isBlocking.current(),
  );
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!isBlocking.current()) return;
      event.preventDefault();
      event.returnValue = LEAVE_QUESTION;
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  if (blocker.state !== 'blocked') return null;
  const { state } = autosave;
  const why =
    state.kind === 'conflict'
      ? state.message
      : state.kind === 'error'
        ? `Chưa lưu được bản nháp: ${state.message}`
        : 'Những thay đổi vừa làm chưa được lưu vào bản nháp.';
  const saveThenLeave = async () => {
    setSaving(true);
    const saved = await autosave.saveNow();
    setSaving(false);
    // Still blocked when it failed: the dialog now says why.
    if (saved) blocker.proceed();
  };
  return (
    <Modal
      open
      title={LEAVE_QUESTION}
      onCancel={() => blocker.reset()}
      data-testid="leave-guard"
      footer={
        <Space wrap>
          <Button onClick={() => blocker.reset()} data-testid="leave-guard-stay">
            Ở lại
          </Button>
          <Button danger onClick={() => blocker.proceed()} data-testid="leave-guard-leave">
            Rời trang, bỏ thay đổi chưa lưu
          </Button>
          {state.kind !== 'conflict' && (
            <Button type="primary" loading={saving} onClick={() => void saveThenLeave()} data-testid="leave-guard-save">
              Lưu nháp rồi rời trang
            </Button>
          )}
        </Space>
      }
    >
      <p data-testid="leave-guard-reason">{why}</p>
      <p>Nếu rời trang bây giờ, các thay đổi này sẽ mất.</p>
    </Modal>
  );
}

const LEAVE_QUESTION = 'Rời trang khi chưa lưu xong?';
