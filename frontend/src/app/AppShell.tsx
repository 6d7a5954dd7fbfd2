import { useEffect, useRef, useState, type ReactNode } from 'react';
import { NavLink, useLocation, useNavigate } from 'react-router';
import type { Me } from '../api';
import { ErrorBanner } from '../components/ErrorBanner';
import { useAuth } from '../lib/auth';
import { useDisclosure } from '../lib/useDisclosure';
import { Brand } from './Brand';
import { ThemeToggle } from './ThemeToggle';
import styles from './AppShell.module.css';

interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

const NAV_ITEMS: NavItem[] = [
  { to: '/', label: 'Queue' },
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/submit', label: 'New ticket' },
  { to: '/team', label: 'Team', adminOnly: true },
  { to: '/webhooks', label: 'Webhooks', adminOnly: true },
];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? '?')[0];
  return letters.toUpperCase();
}

/** The signed-in agent's menu: who they are, their account, the tools, signing out. */
function AccountMenu({ user, onSignOut }: { user: Me; onSignOut: () => void }) {
  const { open, close, containerRef, buttonProps, panelProps } = useDisclosure();
  const { pathname } = useLocation();
  useEffect(close, [pathname, close]);

  return (
    <div className={styles.account} ref={containerRef}>
      <button type="button" className={styles.accountButton} {...buttonProps}>
        <span className={styles.avatar} aria-hidden="true">
          {initials(user.name || user.username)}
        </span>
        <span className={styles.accountName}>{user.name || user.username}</span>
        <span className={styles.chevron} aria-hidden="true" />
      </button>
      {open && (
        <div className={styles.menu} {...panelProps}>
          <p className={styles.menuWho}>
            <span className={styles.menuName}>{user.name || user.username}</span>
            <span className={styles.menuMeta}>
              {user.username} · {user.role === 'admin' ? 'Admin' : 'Agent'}
            </span>
          </p>
          <ul className={styles.menuList}>
            <li>
              <NavLink to="/account" className={styles.menuItem}>
                Account
              </NavLink>
            </li>
            <li>
              <a href="/api/docs/" className={styles.menuItem}>
                API docs
              </a>
            </li>
            {user.role === 'admin' && (
              <li>
                <a href="/admin/" className={styles.menuItem}>
                  Django admin
                </a>
              </li>
            )}
            <li className={styles.menuSeparator}>
              <button type="button" className={styles.menuItem} onClick={onSignOut}>
                Sign out
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}

/**
 * The frame of every signed-in page: the product, the main navigation (a
 * "Menu" button on narrow screens), the agent's menu, and the page in <main>.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const { state, user, signOut } = useAuth();
  const justSignedIn = state.status === 'signed-in' && state.justSignedIn === true;
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const nav = useDisclosure();
  const closeNav = nav.close;
  const mainRef = useRef<HTMLElement>(null);
  const shownPath = useRef(pathname);
  const [signOutError, setSignOutError] = useState<string | null>(null);

  // Just signed in: the form that had the focus is gone; the page takes it.
  useEffect(() => {
    if (justSignedIn) mainRef.current?.focus({ preventScroll: true });
  }, [justSignedIn]);

  // Another page: close the menu, start at the top, and let screen readers land in it.
  useEffect(() => {
    closeNav();
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    window.scrollTo?.(0, 0);
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname, closeNav]);

  if (!user) return null;

  async function handleSignOut() {
    setSignOutError(null);
    try {
      await signOut();
      navigate('/');
    } catch (error) {
      setSignOutError(`Could not sign out: ${error instanceof Error ? error.message : 'unexpected error.'}`);
    }
  }

  const items = NAV_ITEMS.filter((item) => !item.adminOnly || user.role === 'admin');

  return (
    <div className={styles.app}>
      <a className={styles.skip} href="#main">
        Skip to main content
      </a>
      <header className={styles.header}>
        <div className={styles.headerInner} ref={nav.containerRef}>
          <Brand />
          <button type="button" className={styles.menuToggle} {...nav.buttonProps}>
            <span className={styles.burger} aria-hidden="true" />
            Menu
          </button>
          <nav
            aria-label="Main"
            className={`${styles.nav} ${nav.open ? styles.navOpen : ''}`}
            {...nav.panelProps}
          >
            <ul className={styles.navList}>
              {items.map((item) => (
                <li key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.to === '/'}
                    className={({ isActive }) => `${styles.navLink} ${isActive ? styles.active : ''}`}
                  >
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className={styles.tools}>
            <ThemeToggle />
            <AccountMenu user={user} onSignOut={handleSignOut} />
          </div>
        </div>
      </header>
      <main id="main" className={styles.main} ref={mainRef} tabIndex={-1}>
        {signOutError && (
          <ErrorBanner onDismiss={() => setSignOutError(null)}>{signOutError}</ErrorBanner>
        )}
        {children}
      </main>
    </div>
  );
}
