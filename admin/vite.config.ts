import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the Clara server at /admin; `npm run dev` proxies the API to a local `clara start`.
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  // One zod in the bundle: @clara/contract's schemas and the admin's forms share admin's copy.
  resolve: { dedupe: ['zod'] },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, target: 'es2022' },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
