import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { queryClient } from './lib/query-client';
// The global CSS comes last in the built CSS, after the components' and features' files: where a
// global rule and one of theirs have equal specificity, the global one wins (input:focus over
// settings-page.css's input[aria-invalid="true"]).
import './styles.css';
import './ui.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}
