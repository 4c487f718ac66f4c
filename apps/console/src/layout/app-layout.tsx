import { useState } from 'react';
import { Button } from 'react-aria-components';
import { NavLink, Outlet } from 'react-router';
import { ErrorMessage } from '../components/error-message';
import { useSession, useSignedInSession } from '../session/session-context';

const SECTIONS = [
  { to: '/service-accounts', label: 'Service accounts' },
  { to: '/scopes', label: 'Scopes' },
  { to: '/audit-log', label: 'Audit log' },
  { to: '/organization', label: 'Organization' },
] as const;

export function AppLayout() {
  const session = useSignedInSession();
  const { signOut } = useSession();
  const [error, setError] = useState<unknown>();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">keyward</span>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.map(({ to, label }) => (
              <li key={to}>
                {/* NavLink marks the current section with aria-current="page". */}
                <NavLink to={to}>{label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className="mono" title="Signed in as this client">
            {session.clientId}
          </span>
          <Button className="button" onPress={() => signOut().catch(setError)}>
            Sign out
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorMessage error={error} />
        <Outlet />
      </main>
    </>
  );
}
