import type { ReactNode } from 'react';
import { App } from './App';
import { PortalPage } from './features/portal';
import { TicketPage } from './features/ticket-page';
import styles from './routes-temp.module.css';

/**
 * Stand-in routing until the app's router serves these paths: /tickets/<id> and
 * /portal/<key> get their pages, every other path the existing app.
 */
const TICKET = /^\/tickets\/(\d{1,18})\/?$/;
// Any key goes to the portal page: a malformed one gets its "not valid" answer there.
const PORTAL = /^\/portal\/([^/]+)\/?$/;

function Frame({ children, portal }: { children: ReactNode; portal?: boolean }) {
  return (
    <div className={styles.app}>
      <header className={styles.header}>
        <div className={styles.inner}>
          {portal ? <span className={styles.brand}>Support</span> : <a className={styles.brand} href="/">Support Desk</a>}
        </div>
      </header>
      <main>{children}</main>
    </div>
  );
}

export function Routes() {
  const path = window.location.pathname;
  const ticket = TICKET.exec(path);
  if (ticket) {
    return (
      <Frame>
        <TicketPage ticketId={Number(ticket[1])} />
      </Frame>
    );
  }
  const portal = PORTAL.exec(path);
  if (portal) {
    return (
      <Frame portal>
        <PortalPage portalKey={portal[1]} />
      </Frame>
    );
  }
  return <App />;
}
