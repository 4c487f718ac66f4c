import { RouterProvider } from 'react-aria-components';
import { Navigate, Route, Routes, useHref, useNavigate } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { AuditLogPage } from './pages/audit-log-page';
import { OrganizationPage } from './pages/organization-page';
import { ScopesPage } from './pages/scopes-page';
import { ServiceAccountsPage } from './pages/service-accounts-page';
import { SignInPage } from './pages/sign-in-page';
import { ServiceAccountPage } from './account/service-account-page';
import { SessionProvider, useSession } from './session/session-context';
import { CreateServiceAccountWizard } from './wizard/create-service-account-wizard';

export function App() {
  const navigate = useNavigate();
  return (
    // React Aria links navigate through React Router (client-side), with real hrefs for new tabs.
    <RouterProvider navigate={navigate} useHref={useHref}>
      <SessionProvider>
        <SessionGate />
      </SessionProvider>
    </RouterProvider>
  );
}

function SessionGate() {
  const { state } = useSession();
  if (state.status === 'loading') return <p role="status">Loading the console…</p>;
  if (state.status === 'signed-out') return <SignInPage notice={state.notice} />;
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<Navigate to="/service-accounts" replace />} />
        <Route path="service-accounts" element={<ServiceAccountsPage />} />
        <Route path="service-accounts/new" element={<CreateServiceAccountWizard />} />
        <Route path="service-accounts/:id" element={<ServiceAccountPage />} />
        <Route path="scopes" element={<ScopesPage />} />
        <Route path="audit-log" element={<AuditLogPage />} />
        <Route path="organization" element={<OrganizationPage />} />
        <Route path="*" element={<Navigate to="/service-accounts" replace />} />
      </Route>
    </Routes>
  );
}
