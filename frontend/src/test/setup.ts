import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Debounced requests take ~350 ms; leave room for a busy machine.
configure({ asyncUtilTimeout: 3000 });

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});
