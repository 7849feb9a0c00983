// Vite builds the UI into ui/dist, which Tauri embeds; Vitest runs the component tests in jsdom.
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  // ECharts is its own chunk, loaded when a chart first shows: larger than Vite's default warning size.
  build: { outDir: 'dist', target: 'es2022', chunkSizeWarningLimit: 700 },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: { environment: 'jsdom', globals: true, include: ['src/**/*.test.ts'] },
});
