import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { apiClient } from '../api/client';
import { clearCookies } from './fakeApi';

const realAdapter = apiClient.defaults.adapter;

// Debounced requests take ~350 ms; leave room for a busy machine.
configure({ asyncUtilTimeout: 3000 });

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  apiClient.defaults.adapter = realAdapter;
  clearCookies();
  document.head.querySelectorAll('meta[name="debug-admin"]').forEach((meta) => meta.remove());
});
