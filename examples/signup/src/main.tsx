import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'react-clickwrap/styles.css';
import { App } from './App';
import { ConsentOutbox } from './outbox';
import './app.css';

const outbox = new ConsentOutbox({ endpoint: '/api/clickwrap/receipts' });
outbox.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App outbox={outbox} />
  </StrictMode>,
);
