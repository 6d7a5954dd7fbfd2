import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from '../lib/auth';
import { PortalRoutePage } from './pages/PortalRoutePage';
import { PublicLayout } from './PublicLayout';
import { AppRoutes } from './routes';

/**
 * The web UI: the router, who is signed in, and the pages. The requester's portal stands
 * apart: its key is its only credential, so it never asks who is signed in.
 */
export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route
          path="/portal/:key"
          element={
            <PublicLayout>
              <PortalRoutePage />
            </PublicLayout>
          }
        />
        <Route
          path="*"
          element={
            <AuthProvider>
              <AppRoutes />
            </AuthProvider>
          }
        />
      </Routes>
    </BrowserRouter>
  );
}
