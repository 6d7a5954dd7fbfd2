import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Routes } from './routes-temp';
import './styles/tokens.css';
import './styles/base.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Routes />
  </StrictMode>,
);
