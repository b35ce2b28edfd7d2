import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// base './' so the same build loads from file:// in Electron and over http from the web bridge.
// import.meta.dirname keeps this file free of Node imports (lint forbids them under renderer/).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024, // loaded from local disk or loopback, not over a network
  },
});
