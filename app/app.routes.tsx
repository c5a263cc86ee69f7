import { Spin } from 'antd';
import { Suspense, lazy } from 'react';
import { Navigate, Route, createBrowserRouter, createRoutesFromElements } from 'react-router';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH } from './api/auth.api.ts';
import type { ImportRegistry } from './api/registry.api.ts';
import { NOTIFICATIONS_PATH, NOTIFICATION_SETTINGS_PATH } from './api/notifications.api.ts';
import { AppShell } from './components/app-shell.layout.tsx';
import { HOME_PATH, NAV_SECTIONS } from './components/nav-sections.ts';
import { RequirePermission } from './scenes/admin/require-permission.guard.tsx';
// Tổng quan is where every session lands (HOME_PATH, and the login page's next step): it comes
// with the shell, one download instead of a second round trip on a slow phone network. Its
// filters, target drawer and report dialog still load when first used (dashboard.scene.tsx).
import DashboardScene from './scenes/dashboard/dashboard.scene.tsx';
import { dashboardLoader } from './scenes/dashboard/dashboard.loader.ts';
import { queryClient } from './app.providers.tsx';

// Screens load on demand so the first paint only carries the shell (bench/first-load.bench.ts
// measures Tổng quan on a Fast 3G phone); even the not-found page, whose illustration is heavy.
const NotFoundScene = lazy(() => import('./scenes/placeholder/not-found.scene.tsx'));
const SectionPlaceholderScene = lazy(() => import('./scenes/placeholder/section-placeholder.scene.tsx'));
const OrgTreeScene = lazy(() => import('./scenes/org-tree/org-tree.scene.tsx'));
const RestructureScene = lazy(() => import('./scenes/restructure/restructure.scene.tsx'));
const LoginScene = lazy(() => import('./scenes/login/login.scene.tsx'));
const ChangePasswordScene = lazy(() => import('./scenes/account/change-password.scene.tsx'));
const AdminIndexScene = lazy(() => import('./scenes/admin/admin-index.scene.tsx'));
const UsersScene = lazy(() => import('./scenes/admin/users.scene.tsx'));
const RolesScene = lazy(() => import('./scenes/admin/roles.scene.tsx'));
const DeliveriesScene = lazy(() => import('./scenes/admin/deliveries.scene.tsx'));
const TokensScene = lazy(() => import('./scenes/admin/tokens.scene.tsx'));
const AuditScene = lazy(() => import('./scenes/admin/audit.scene.tsx'));
const MeasuresScene = lazy(() => import('./scenes/measures/measures.scene.tsx'));
const MembersScene = lazy(() => import('./scenes/members/members.scene.tsx'));
const RegistryImportScene = lazy(() => import('./scenes/imports/registry-import.scene.tsx'));
const MemberDuplicatesScene = lazy(() => import('./scenes/members/member-duplicates.scene.tsx'));
const GrassrootsScene = lazy(() => import('./scenes/grassroots/grassroots.scene.tsx'));
const EmployersScene = lazy(() => import('./scenes/employers/employers.scene.tsx'));
const AgreementsScene = lazy(() => import('./scenes/agreements/agreements.scene.tsx'));
const TargetsScene = lazy(() => import('./scenes/targets/targets.scene.tsx'));
const DocumentReviewScene = lazy(() => import('./scenes/targets/review/document-review.scene.tsx'));
const DocumentDetailScene = lazy(() => import('./scenes/targets/cascade/document-detail.scene.tsx'));
const ReportingScene = lazy(() => import('./scenes/reporting/reporting.scene.tsx'));
const ReportFormScene = lazy(() => import('./scenes/reporting/report-form.scene.tsx'));
const AllocationScene = lazy(() => import('./scenes/allocation/allocation.scene.tsx'));
const TasksScene = lazy(() => import('./scenes/tasks/tasks.scene.tsx'));
const TaskDetailScene = lazy(() => import('./scenes/tasks/task-detail.scene.tsx'));
const NotificationsScene = lazy(() => import('./scenes/notifications/notifications.scene.tsx'));
const NotificationSettingsScene = lazy(() => import('./scenes/notifications/notification-settings.scene.tsx'));

/**
 * A data router (not <BrowserRouter>) so that a screen holding unsaved work can block leaving it
 * — links, navigate() and the browser's back button alike (useBlocker, app/lib/use-leave-guard.ts).
 */
/** A registry's Nhập từ Excel screen: only for those who may write the registries. */
function registryImportRoute(path: string, registry: ImportRegistry) {
  return (
    <Route
      path={path}
      element={
        <RequirePermission permission="registry.write">
          <RegistryImportScene registry={registry} />
        </RequirePermission>
      }
    />
  );
}

export function createAppRouter() {
  return createBrowserRouter(
    createRoutesFromElements(
      <>
        <Route
          path={LOGIN_PATH}
          element={
            <Suspense
              fallback={
                <Spin className="app-loading" description="Đang tải…" size="large">
                  <div />
                </Spin>
              }
            >
              <LoginScene />
            </Suspense>
          }
        />
        <Route element={<AppShell />}>
          <Route index element={<Navigate to={HOME_PATH} replace />} />
          <Route path="/co-cau-to-chuc" element={<OrgTreeScene />} />
          <Route
            path="/co-cau-to-chuc/sap-xep"
            element={
              <RequirePermission permission="org.restructure">
                <RestructureScene />
              </RequirePermission>
            }
          />
          <Route path={CHANGE_PASSWORD_PATH} element={<ChangePasswordScene />} />
          <Route path="/quan-tri" element={<AdminIndexScene />} />
          <Route
            path="/quan-tri/tai-khoan"
            element={
              <RequirePermission permission="users.manage">
                <UsersScene />
              </RequirePermission>
            }
          />
          <Route
            path="/quan-tri/vai-tro"
            element={
              <RequirePermission permission="users.manage">
                <RolesScene />
              </RequirePermission>
            }
          />
          <Route
            path="/quan-tri/thu-thong-bao"
            element={
              <RequirePermission permission="users.manage">
                <DeliveriesScene />
              </RequirePermission>
            }
          />
          <Route
            path="/quan-tri/khoa-api"
            element={
              <RequirePermission permission="tokens.manage">
                <TokensScene />
              </RequirePermission>
            }
          />
          <Route
            path="/quan-tri/nhat-ky"
            element={
              <RequirePermission permission="audit.read">
                <AuditScene />
              </RequirePermission>
            }
          />
          <Route
            path="/quan-tri/chi-so"
            element={
              <RequirePermission permission={['measures.manage', 'targets.read']}>
                <MeasuresScene />
              </RequirePermission>
            }
          />
          <Route path="/doan-vien" element={<MembersScene />} />
          {registryImportRoute('/doan-vien/nhap', 'members')}
          <Route path="/doan-vien/ho-so-trung" element={<MemberDuplicatesScene />} />
          <Route path="/cong-doan-co-so" element={<GrassrootsScene />} />
          {registryImportRoute('/cong-doan-co-so/nhap', 'grassroots')}
          <Route path="/doanh-nghiep" element={<EmployersScene />} />
          {registryImportRoute('/doanh-nghiep/nhap', 'employers')}
          <Route path="/thoa-uoc" element={<AgreementsScene />} />
          {registryImportRoute('/thoa-uoc/nhap', 'agreements')}
          <Route path="/tong-quan" element={<DashboardScene />} loader={dashboardLoader(queryClient)} />
          <Route
            path="/tong-quan/giao-chi-tieu/:targetId"
            element={
              <RequirePermission permission="targets.write">
                <AllocationScene />
              </RequirePermission>
            }
          />
          <Route path="/van-ban-chi-tieu" element={<TargetsScene />} />
          <Route path="/van-ban-chi-tieu/:id" element={<DocumentDetailScene />} />
          <Route path="/van-ban-chi-tieu/:id/ra-soat" element={<DocumentReviewScene />} />
          <Route path="/nhiem-vu" element={<TasksScene />} />
          <Route path="/nhiem-vu/:id" element={<TaskDetailScene />} />
          <Route path="/bao-cao-dinh-ky" element={<ReportingScene />} />
          <Route path="/bao-cao-dinh-ky/:id" element={<ReportFormScene />} />
          <Route path={NOTIFICATIONS_PATH} element={<NotificationsScene />} />
          <Route path={NOTIFICATION_SETTINGS_PATH} element={<NotificationSettingsScene />} />
          {NAV_SECTIONS.filter((s) => !s.isReady).map((section) => (
            <Route key={section.key} path={section.path} element={<SectionPlaceholderScene section={section} />} />
          ))}
          <Route path="*" element={<NotFoundScene />} />
        </Route>
      </>,
    ),
  );
}
