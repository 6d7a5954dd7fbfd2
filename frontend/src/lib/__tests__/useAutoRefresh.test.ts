import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useAutoRefresh } from '../useAutoRefresh';

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('useAutoRefresh', () => {
  afterEach(() => {
    vi.useRealTimers();
    setVisibility('visible');
  });

  it('refreshes on an interval only while the page is visible', () => {
    vi.useFakeTimers();
    const refresh = vi.fn();
    renderHook(() => useAutoRefresh(refresh, 60_000));

    vi.advanceTimersByTime(60_000);
    expect(refresh).toHaveBeenCalledTimes(1);

    setVisibility('hidden');
    vi.advanceTimersByTime(180_000);
    expect(refresh).toHaveBeenCalledTimes(1);

    // Back on the page after a long absence: refresh at once.
    setVisibility('visible');
    expect(refresh).toHaveBeenCalledTimes(2);
  });
});
