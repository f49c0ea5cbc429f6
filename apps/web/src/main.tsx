/** Entry point of the Carnet web app. */
import './app/zod-config.ts';
import './ui/dsfr-overrides.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { startDsfr } from './app/start-dsfr.ts';

startDsfr();

const root = document.getElementById('root');
if (root === null) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
