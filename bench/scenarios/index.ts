import {
  dashboardAllocatedCommune,
  dashboardAllocatedNation,
  dashboardAllocatedProvince,
  dashboardCdcs,
  dashboardCommune,
  dashboardNation,
  dashboardProvince,
} from './dashboard.scenarios.ts';
import { nightlyJudgement } from './judgement.scenarios.ts';
import { generate, load } from './load.scenarios.ts';
import {
  exportCommune,
  memberListPage1,
  memberListPage5000,
  memberCountProvince,
  memberSearch,
  memberSearchInner,
  memberSearchRare,
} from './members.scenarios.ts';
import { reportingCompleteness, reportingSubmit } from './reporting.scenarios.ts';
import type { Scenario } from './scenario.ts';
import { taskListProvince } from './tasks.scenarios.ts';

/** Every scenario `npm run bench` knows, in run order. A new one: write it, add it here. */
export const SCENARIOS: Scenario<any>[] = [
  generate,
  load,
  memberSearch,
  memberSearchRare,
  memberSearchInner,
  memberListPage1,
  memberListPage5000,
  exportCommune,
  memberCountProvince,
  dashboardNation,
  dashboardProvince,
  dashboardCommune,
  dashboardCdcs,
  dashboardAllocatedNation,
  dashboardAllocatedProvince,
  dashboardAllocatedCommune,
  nightlyJudgement,
  reportingSubmit,
  reportingCompleteness,
  taskListProvince,
];
