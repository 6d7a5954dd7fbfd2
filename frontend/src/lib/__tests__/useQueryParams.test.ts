import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useQueryParams } from '../useQueryParams';

describe('useQueryParams', () => {
  it('writes non-empty values, drops empty ones, and pushes or replaces history', () => {
    window.history.replaceState(null, '', '/?keep=1');
    const { result } = renderHook(() => useQueryParams());
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
});
