import { useCallback, useRef, useState } from 'react';
import { saveReviewDraft, type ReviewResult, type SaveReview } from '../../../api/documents.api.ts';
import { useAutosave } from '../../../lib/use-autosave.ts';
import { initialDrafts, metadataOf, toDraftBody, type Draft } from './review.model.ts';

/**
 * The review being worked on: the document's details and a decision per target, each change
 * autosaved as the server's draft (the version guards against another tab's or browser's save).
 */
export function useReviewDraft(review: ReviewResult) {
  const doc = review.document;
  const [metadata, setMetadata] = useState<SaveReview['metadata']>(() => metadataOf(review));
  const [drafts, setDrafts] = useState<Draft[]>(() => initialDrafts(review));
  const version = useRef(review.draft.version);
  const latest = useRef({ metadata, drafts });
  latest.current = { metadata, drafts };
  const autosave = useAutosave({
    conflictCode: 'REVIEW_VERSION_CONFLICT',
    save: async () => {
      const saved = await saveReviewDraft(doc.id, toDraftBody(version.current, latest.current.metadata, latest.current.drafts));
      version.current = saved.version;
    },
  });
  const { touch } = autosave;

  const meta = (patch: Partial<SaveReview['metadata']>) => {
    setMetadata((m) => ({ ...m, ...patch }));
    touch();
  };
  const change = useCallback(
    (key: string, patch: Partial<Draft>) => {
      setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
      touch();
    },
    [touch],
  );
  const confirmRemaining = () => {
    setDrafts((ds) => ds.map((d) => (d.decision === 'pending' ? { ...d, decision: 'confirm' } : d)));
    touch();
  };
  return { metadata, drafts, autosave, version, meta, change, confirmRemaining };
}
