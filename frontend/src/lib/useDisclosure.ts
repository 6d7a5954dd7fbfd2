import { useCallback, useEffect, useId, useRef, useState } from 'react';

/**
 * A button that shows and hides a panel (the disclosure pattern): Escape
 * closes it and gives the focus back to the button, a click or focus outside
 * closes it. Spread `buttonProps` on the button, `panelProps` on the panel,
 * and put `containerRef` on the element that holds both.
 */
export function useDisclosure<C extends HTMLElement = HTMLDivElement>() {
  const id = useId();
  const [open, setOpen] = useState(false);
  const containerRef = useRef<C>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onOutside = (event: Event) => {
      if (containerRef.current && !containerRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onOutside);
    document.addEventListener('focusin', onOutside);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onOutside);
      document.removeEventListener('focusin', onOutside);
    };
  }, [open]);

  return {
    open,
    close,
    containerRef,
    buttonProps: {
      ref: buttonRef,
      'aria-expanded': open,
      'aria-controls': `${id}-panel`,
      onClick: () => setOpen((value) => !value),
    },
    panelProps: { id: `${id}-panel` },
  };
}
