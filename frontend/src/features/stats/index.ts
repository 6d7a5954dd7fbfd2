export { Dashboard } from './Dashboard';
export { DashboardView } from './DashboardView';
