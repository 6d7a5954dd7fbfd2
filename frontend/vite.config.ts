/// <reference types="vitest/config" />
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API, the admin and Django's static files to the
// backend so the UI and the API share one origin, as in `make run`.
// Override the target with API_PROXY_TARGET (e.g. in frontend/.env.local).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  const target = env.API_PROXY_TARGET || 'http://127.0.0.1:8000';
  const proxied = { target, changeOrigin: false };

  return {
    base: '/',
    plugins: [react()],
    build: {
      outDir: 'dist',
      assetsDir: 'assets',
      sourcemap: false,
    },
    server: {
      port: 5173,
      proxy: {
        '/api': proxied,
        '/admin': proxied,
        '/static': proxied,
      },
    },
    test: {
      environment: 'jsdom',
      globals: true,
      setupFiles: ['./src/test/setup.ts'],
      css: { modules: { classNameStrategy: 'non-scoped' } },
      mockReset: true,
      testTimeout: 15_000,
    },
  };
});
