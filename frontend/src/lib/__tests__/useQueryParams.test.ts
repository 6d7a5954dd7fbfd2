import { act, renderHook, waitFor } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useQueryParams } from '../useQueryParams';

function wrapper({ children }: { children: ReactNode }) {
  return createElement(BrowserRouter, null, children);
}

describe('useQueryParams', () => {
  it('writes non-empty values, drops empty ones, and pushes or replaces history', () => {
    window.history.replaceState(null, '', '/?keep=1');
    const { result } = renderHook(() => useQueryParams(), { wrapper });
    const before = window.history.length;

    act(() => result.current[1]({ status: 'open', search: '' }));
    expect(window.location.search).toBe('?keep=1&status=open');
    expect(result.current[0]).toEqual({ keep: '1', status: 'open' });
    expect(window.history.length).toBe(before + 1);

    act(() => result.current[1]({ search: 'login' }, { replace: true }));
    expect(window.location.search).toBe('?keep=1&status=open&search=login');
    expect(window.history.length).toBe(before + 1);

    act(() => result.current[1]({ keep: '', status: '', search: '' }));
    expect(window.location.search).toBe('');
  });

  it('keeps the path and follows the back button', async () => {
    window.history.replaceState(null, '', '/queue-like?status=open');
    const { result } = renderHook(() => useQueryParams(), { wrapper });

    act(() => result.current[1]({ status: 'closed' }));
    expect(window.location.pathname).toBe('/queue-like');
    expect(result.current[0]).toEqual({ status: 'closed' });

    window.history.back();
    await waitFor(() => expect(result.current[0]).toEqual({ status: 'open' }));
  });

  it('does not add a history entry when nothing changes', () => {
    window.history.replaceState(null, '', '/?status=open');
    const { result } = renderHook(() => useQueryParams(), { wrapper });
    const before = window.history.length;

    act(() => result.current[1]({ status: 'open', search: '' }));

    expect(window.history.length).toBe(before);
  });
});
