/*
 * WCAG contrast of what is on screen, measured in the page (e2e/pages.py's
 * contrast_failures): every visible text against the background it is drawn on
 * (translucent layers composited, a gradient judged by its worst stop), and the edges
 * of form fields, chart bars and the error banner's icon against theirs. Returns one
 * line per failure.
 */
(() => {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const canvas = () => {
    const html = parse(getComputedStyle(document.documentElement).backgroundColor);
    return html && html[3] > 0 ? html : (document.documentElement.dataset.theme === 'dark'
      ? [18, 18, 18, 1] : [255, 255, 255, 1]);
  };
  // The opaque colours an element's content may sit on (several for a gradient).
  const backgrounds = (element, skipSelf) => {
    const layers = [];
    for (let node = skipSelf ? element.parentElement : element; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage.includes('gradient')) {
        const stops = [...style.backgroundImage.matchAll(/rgba?\([^)]+\)/g)].map((m) => parse(m[0]));
        return stops.map((stop) => layers.reduceRight((acc, layer) => over(layer, acc), over(stop, canvas())));
      }
      const bg = parse(style.backgroundColor);
      if (bg && bg[3] > 0) {
        layers.push(bg);
        if (bg[3] >= 1) break;
      }
    }
    const base = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : canvas();
    return [layers.reduceRight((acc, layer) => over(layer, acc), base)];
  };
  const shown = (el) => {
    const rect = el.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) return false;
    for (let n = el; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) < 1) return false;
      if (s.clip === 'rect(0px, 0px, 0px, 0px)') return false;
    }
    return true;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' +
    String(el.getAttribute('class')).split(' ')[0] : '');
  const failures = [];
  const check = (el, fg, min, what) => {
    for (const bg of backgrounds(el, what !== 'text')) {
      const r = ratio(fg[3] < 1 ? over(fg, bg) : fg, bg);
      if (r < min - 0.005) {
        failures.push(`${name(el)} ${what} "${(el.textContent || '').trim().slice(0, 40)}": ` +
          `${r.toFixed(2)}:1 < ${min}:1 (fg ${fg.slice(0, 3)}, bg ${bg.slice(0, 3).map(Math.round)})`);
        return;
      }
    }
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (['SCRIPT', 'STYLE', 'OPTION', 'TITLE'].includes(el.tagName)) continue;
    if (el.closest(':disabled, [aria-disabled="true"]') || !shown(el)) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const style = getComputedStyle(el);
    if (ownText) {
      const svg = el instanceof SVGElement;
      const fg = parse(svg ? style.fill : style.color);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (fg) check(el, fg, large ? 3 : 4.5, 'text');
    }
    if (el.matches('input.control, select.control, textarea.control')) {
      check(el, parse(style.borderTopColor), 3, 'edge');
    }
    if (el.matches('svg rect') && parse(style.fill)?.[3] > 0 && el.getAttribute('height') !== '0') {
      check(el, parse(style.fill), 3, 'bar');
    }
    if (el.matches('[role="alert"] > [aria-hidden="true"], [role="status"] > [aria-hidden="true"]')) {
      const fill = parse(style.backgroundColor);
      if (fill && fill[3] > 0) check(el, fill, 3, 'icon');
    }
  }
  return failures;
})
