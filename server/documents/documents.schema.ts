// Wire types of the document library: upload and review, search, the cascade graph.
import { Type } from 'typebox';
import { IsoDate } from '../org/org.schema.ts';
import { NullableInteger } from '../http/nullable-schema.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Comparator = Type.Union([Type.Literal('>'), Type.Literal('>='), Type.Literal('='), Type.Literal('<='), Type.Literal('<')]);
const RegistrySector = Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')]);
export const DocumentKind = Type.Union([
  Type.Literal('resolution'),
  Type.Literal('program'),
  Type.Literal('plan'),
  Type.Literal('directive'),
  Type.Literal('conclusion'),
  Type.Literal('decision'),
  Type.Literal('guidance'),
  Type.Literal('other'),
]);
const Status = Type.Union([Type.Literal('review'), Type.Literal('confirmed')]);
const Relation = Type.Union([Type.Literal('implements'), Type.Literal('cites'), Type.Literal('replaces')]);

export const DocumentIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const DocumentSummary = Type.Object({
  id: Type.Integer(),
  status: Status,
  kind: Type.String(),
  symbol: Nullable(Type.String()),
  title: Type.String(),
  issuer: Type.Object({ id: Type.Integer(), name: Type.String() }),
  issuerText: Nullable(Type.String()),
  issuedOn: Nullable(IsoDate),
  termFrom: Nullable(Type.Integer()),
  termTo: Nullable(Type.Integer()),
  targets: Type.Integer(),
  hasFile: Type.Boolean(),
  /** False for a document above the caller's unit (what it implements): shown, not opened. */
  isInScope: Type.Boolean(),
});

const metadataFields = (title: ReturnType<typeof Type.String>) => ({
  kind: DocumentKind,
  symbol: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  title,
  issuerText: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
  place: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  issuedOn: Type.Optional(Nullable(IsoDate)),
  termFrom: Type.Optional(NullableInteger({ minimum: 1945, maximum: 2100 })),
  termTo: Type.Optional(NullableInteger({ minimum: 1945, maximum: 2100 })),
  signerCapacity: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  signerTitle: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  signerName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
});

export const DocumentMetadata = Type.Object(metadataFields(Type.String({ minLength: 1, maxLength: 1000 })), {
  additionalProperties: false,
});

/** The metadata of a draft, as typed: the title may be empty while the reviewer retypes it. */
export const DraftMetadata = Type.Object(metadataFields(Type.String({ maxLength: 1000 })), { additionalProperties: false });

export const DocumentDetail = Type.Intersect([
  DocumentSummary,
  Type.Object({
    place: Nullable(Type.String()),
    signerCapacity: Nullable(Type.String()),
    signerTitle: Nullable(Type.String()),
    signerName: Nullable(Type.String()),
    file: Nullable(Type.Object({ name: Type.String(), sizeBytes: Type.Integer(), mimeType: Type.String() })),
  }),
]);

const Suggestion = Type.Object({ code: Type.String(), name: Type.String(), unit: Type.String() });
const Span = { start: Type.Integer(), end: Type.Integer() };

export const TargetProposal = Type.Object({
  key: Type.String(),
  ...Span,
  valueStart: Type.Integer(),
  valueEnd: Type.Integer(),
  quote: Type.String(),
  subject: Type.String(),
  value: Type.Number(),
  unit: Type.Union([Type.Literal('count'), Type.Literal('percent'), Type.Literal('money')], {
    description: 'Đơn vị: số lượng, phần trăm, hoặc số tiền (đồng)',
  }),
  comparator: Comparator,
  annual: Type.Boolean(),
  deadlineYear: Nullable(Type.Integer()),
  timingSource: Type.String(),
  sectors: Nullable(Type.Array(RegistrySector)),
  minWorkers: Nullable(Type.Integer()),
  change: Nullable(Type.String()),
  suggestions: Type.Array(Suggestion),
});

export const ReviewItem = Type.Object({
  key: Type.String(),
  kind: Type.Union([Type.Literal('baseline'), Type.Literal('qualitative'), Type.Literal('reference'), Type.Literal('task')]),
  ...Span,
  text: Type.String(),
  detail: Type.String({ description: 'Một dòng tóm tắt cho người rà soát (giá trị, thời hạn, đơn vị chủ trì…)' }),
});

export const LinkItem = Type.Object({
  id: Type.Integer(),
  relation: Relation,
  symbol: Nullable(Type.String()),
  referencedOn: Nullable(IsoDate),
  source: Type.Union([Type.Literal('extracted'), Type.Literal('manual')]),
  linked: Nullable(DocumentSummary),
});

export const TargetDecision = Type.Object(
  {
    key: Type.String({ maxLength: 40 }),
    /** 'pending': not decided yet (kept in a saved draft; never enters the system). */
    decision: Type.Union([Type.Literal('confirm'), Type.Literal('drop'), Type.Literal('pending')]),
    indicatorCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    comparator: Comparator,
    value: Type.Number(),
    unitId: Type.Optional(NullableInteger({ minimum: 1 })),
    annual: Type.Boolean(),
    deadlineYear: Type.Optional(NullableInteger({ minimum: 2000, maximum: 2100 })),
    sectors: Type.Optional(Nullable(Type.Array(RegistrySector, { maxItems: 4 }))),
    minWorkers: Type.Optional(NullableInteger({ minimum: 0, maximum: 100000 })),
    subject: Type.Optional(Type.String({ maxLength: 1000 })),
    quote: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);

const ReviewVersion = Type.Integer({
  minimum: 1,
  description: 'Phiên bản bản rà soát đã đọc (draft.version); nếu có người lưu trước thì trả lời 409 REVIEW_VERSION_CONFLICT',
});

export const SaveReviewBody = Type.Object(
  {
    metadata: DocumentMetadata,
    targets: Type.Array(TargetDecision, { maxItems: 500 }),
    /** false: keep the choices and come back later; true: the confirmed targets enter the system. */
    confirm: Type.Boolean(),
    /** Optional for API clients; the review screen always sends it. */
    version: Type.Optional(ReviewVersion),
  },
  { additionalProperties: false },
);

/** The autosaved working copy: nothing is checked for completeness, nothing enters the system. */
export const SaveDraftBody = Type.Object(
  {
    version: ReviewVersion,
    metadata: DraftMetadata,
    targets: Type.Array(TargetDecision, { maxItems: 500 }),
  },
  { additionalProperties: false },
);

export const ReviewDraft = Type.Object({
  /** Bumped by every save of the review, draft or final; send it back with the next save. */
  version: Type.Integer(),
  /** The metadata as last saved in a draft; null: the document's own fields are the working copy. */
  metadata: Nullable(DraftMetadata),
  savedAt: Nullable(Type.String({ format: 'date-time' })),
  savedBy: Nullable(Type.String()),
});

export const DocumentReview = Type.Object({
  document: DocumentDetail,
  format: Type.String(),
  text: Type.String(),
  warnings: Type.Array(Type.String()),
  proposals: Type.Array(TargetProposal),
  items: Type.Array(ReviewItem),
  links: Type.Array(LinkItem),
  /** The reviewer's saved choices (null until saved once). */
  decisions: Nullable(Type.Array(TargetDecision)),
  /** Targets already saved from this document. */
  savedTargets: Type.Integer(),
  draft: ReviewDraft,
});

export const UploadQuery = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1, description: 'Đơn vị ban hành (trong phạm vi của người dùng)' }),
    acceptSameSymbol: Type.Optional(
      Type.Boolean({
        description:
          'Vẫn lưu khi đơn vị đã có văn bản cùng số ký hiệu (409 DOCUMENT_SAME_SYMBOL); không áp dụng cho cùng một tệp (DOCUMENT_DUPLICATE)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** `error.details` of 409 DOCUMENT_DUPLICATE (same file) and DOCUMENT_SAME_SYMBOL (same symbol, same issuer). */
export const DuplicateDetails = Type.Object({
  existing: DocumentSummary,
  /** Same file: false (it is that document). Same symbol: true, resend with acceptSameSymbol=true. */
  canProceed: Type.Boolean(),
});

export const SearchQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Tìm theo số ký hiệu, trích yếu, cơ quan ban hành (không cần dấu)' })),
    status: Type.Optional(Status),
    includeAbove: Type.Optional(Type.Boolean({ description: 'Thêm văn bản của các cấp trên (để liên kết văn bản mình thực hiện)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);

export const DocumentList = Type.Object({ items: Type.Array(DocumentSummary) });

/** One node of the cascade, flat: `parentKey` says which node it hangs under (null: the document viewed). */
export const CascadeEntry = Type.Object({
  key: Type.String(),
  parentKey: Nullable(Type.String()),
  depth: Type.Integer({ minimum: 1 }),
  linkId: Type.Integer(),
  relation: Relation,
  /** The symbol as written in the referring text (an unresolved reference has only this). */
  symbol: Nullable(Type.String()),
  document: Nullable(DocumentSummary),
});

export const Cascade = Type.Object({
  document: DocumentSummary,
  up: Type.Array(CascadeEntry, { description: 'Văn bản mà văn bản này thực hiện, và cứ thế lên trên' }),
  down: Type.Array(CascadeEntry, { description: 'Văn bản thực hiện văn bản này, và cứ thế xuống dưới' }),
  references: Type.Array(LinkItem),
});

export const CreateLinkBody = Type.Object(
  {
    linkedDocumentId: Type.Integer({ minimum: 1 }),
    relation: Type.Optional(Type.Union([Type.Literal('implements'), Type.Literal('cites')])),
    /** An extracted reference that was not resolved automatically: link it to this document. */
    linkId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
