// Vite build for kplay's page. The bundle goes straight into the jar's static resources with fixed names
// (/assets/index.js, /assets/index.css) so the server's Thymeleaf page can link it without a manifest.
// In `npm run dev` the API and the kmsg WebSocket are proxied to a kplay running on :8080.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  build: {
    outDir: '../target/classes/static',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { index: 'src/main.ts' },
      output: {
        entryFileNames: 'assets/[name].js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: 'http://localhost:8080', ws: true },
      '/healthz': 'http://localhost:8080',
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
  },
});
