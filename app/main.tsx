import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app.providers.tsx';
import { RouterProvider } from 'react-router';
import { createAppRouter } from './app.routes.tsx';
import { registerServiceWorker } from './offline/register-sw.ts';
import './styles/app.css';

registerServiceWorker();

const container = document.getElementById('root');
if (!container) throw new Error('Thiếu phần tử #root trong index.html');

createRoot(container).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={createAppRouter()} />
    </AppProviders>
  </StrictMode>,
);
