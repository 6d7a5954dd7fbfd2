import { Route, Routes } from 'react-router';
import { AccountPage } from '../features/account';
import { TeamPage } from '../features/team';
import { Frame } from './Frame';
import { DashboardPage } from './pages/DashboardPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { WebhooksPage } from '../features/webhooks';
import { TicketRoutePage } from './pages/TicketRoutePage';
import { QueuePage } from './pages/QueuePage';
import { SubmitPage } from './pages/SubmitPage';
import { RequireAdmin } from './RequireAdmin';
import { RequireAgent } from './RequireAgent';

/**
 * Every page of the app (CONTRACT §8). The server answers index.html at each
 * of these paths, so a deep link or a reload lands on the same page.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Frame />}>
        <Route path="/submit" element={<SubmitPage />} />
        <Route element={<RequireAgent />}>
          <Route path="/" element={<QueuePage />} />
          <Route path="/dashboard" element={<DashboardPage />} />
          <Route path="/tickets/:id" element={<TicketRoutePage />} />
          <Route path="/account" element={<AccountPage />} />
          <Route element={<RequireAdmin />}>
            <Route path="/team" element={<TeamPage />} />
            <Route path="/webhooks" element={<WebhooksPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
