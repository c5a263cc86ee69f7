import type { Migration } from 'kysely';
import * as orgTree from './0001-org-tree.ts';
import * as accounts from './0002-accounts.ts';
import * as registries from './0003-registries.ts';
import * as targets from './0005-targets.ts';
import * as memberNameOrder from './0006-member-name-order.ts';
import * as memberWritePath from './0007-member-write-path.ts';
import * as documents from './0008-documents.ts';
import * as progressAggregates from './0009-progress-aggregates.ts';
import * as progressAggregateGrains from './0009-progress-aggregates-grains.ts';
import * as progressAggregateEmployers from './0009-progress-aggregates-employers.ts';
import * as reporting from './0010-reporting.ts';
import * as registrySorts from './0011-registry-sorts.ts';
import * as orgOperations from './0012-org-operations.ts';
import * as memberUnitCopy from './0013-member-unit-copy.ts';
import * as progressReported from './0014-progress-reported.ts';
import * as importRetentionCccdReview from './0015-import-retention-cccd-review.ts';
import * as targetVersions from './0016-target-versions.ts';
import * as documentReviewDrafts from './0017-document-review-drafts.ts';
import * as tasks from './0018-tasks.ts';
import * as customMeasures from './0019-custom-measures.ts';
import * as notifications from './0020-notifications.ts';
import * as notificationDelivery from './0021-notification-delivery.ts';
import * as notificationTargetStatus from './0022-notification-target-status.ts';

/**
 * Every migration, in name order (the health check reads the last one). A static list (not a
 * folder scan) so that the set of migrations is part of the code that is type-checked and
 * reviewed. Keep it sorted: a new migration goes at the end of both lists.
 */
export const migrations: Record<string, Migration> = {
  '0001-org-tree': orgTree,
  '0002-accounts': accounts,
  '0003-registries': registries,
  '0005-targets': targets,
  '0006-member-name-order': memberNameOrder,
  '0007-member-write-path': memberWritePath,
  '0008-documents': documents,
  '0009-progress-aggregates': progressAggregates,
  '0009-progress-aggregates-employers': progressAggregateEmployers,
  '0009-progress-aggregates-grains': progressAggregateGrains,
  '0010-reporting': reporting,
  '0011-registry-sorts': registrySorts,
  '0012-org-operations': orgOperations,
  '0013-member-unit-copy': memberUnitCopy,
  '0014-progress-reported': progressReported,
  '0015-import-retention-cccd-review': importRetentionCccdReview,
  '0016-target-versions': targetVersions,
  '0017-document-review-drafts': documentReviewDrafts,
  '0018-tasks': tasks,
  '0019-custom-measures': customMeasures,
  '0020-notifications': notifications,
  '0021-notification-delivery': notificationDelivery,
  '0022-notification-target-status': notificationTargetStatus,
};
