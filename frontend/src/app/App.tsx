import { BrowserRouter } from 'react-router';
import { AuthProvider } from '../lib/auth';
import { AppRoutes } from './routes';

/** The web UI: the router, who is signed in, and the pages. */
export function App() {
  return (
    <BrowserRouter>
      <AuthProvider>
        <AppRoutes />
      </AuthProvider>
    </BrowserRouter>
  );
}
