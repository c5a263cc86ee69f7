import { Suspense, lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { LOGIN_PATH } from './api/auth.api.ts';
import { AppShell } from './components/app-shell.layout.tsx';
import { HOME_PATH, NAV_SECTIONS } from './components/nav-sections.ts';
import NotFoundScene from './scenes/placeholder/not-found.scene.tsx';
import SectionPlaceholderScene from './scenes/placeholder/section-placeholder.scene.tsx';

// Screens load on demand so the first paint only carries the shell.
const OrgTreeScene = lazy(() => import('./scenes/org-tree/org-tree.scene.tsx'));
const LoginScene = lazy(() => import('./scenes/login/login.scene.tsx'));

export function AppRoutes() {
  return (
    <Routes>
      <Route
        path={LOGIN_PATH}
        element={
          <Suspense fallback={null}>
            <LoginScene />
          </Suspense>
        }
      />
      <Route element={<AppShell />}>
        <Route index element={<Navigate to={HOME_PATH} replace />} />
        <Route path="/co-cau-to-chuc" element={<OrgTreeScene />} />
        {NAV_SECTIONS.filter((s) => !s.isReady).map((section) => (
          <Route key={section.key} path={section.path} element={<SectionPlaceholderScene section={section} />} />
        ))}
        <Route path="*" element={<NotFoundScene />} />
      </Route>
    </Routes>
  );
}
