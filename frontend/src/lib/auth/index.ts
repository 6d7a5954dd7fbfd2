export { AuthProvider } from './AuthProvider';
export { useAuth } from './AuthContext';
export type { AuthState, AuthContextValue } from './AuthContext';
export { readDebugAdmin } from './debugAdmin';
