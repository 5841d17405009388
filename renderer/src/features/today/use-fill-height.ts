import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * The height from an element's top down to the window's bottom edge, less `below`, and at least
 * `min`. A virtual table takes its scroll height as a number, and a fixed one would either leave
 * the screen half empty or scroll the page as well. Measured again when the window is resized,
 * and when the page grows (a banner arriving above pushes the element down).
 */
export const useFillHeight = (
  ref: RefObject<HTMLElement | null>,
  { min, below }: { min: number; below: number },
): number => {
  const [height, setHeight] = useState(min);
  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      setHeight(Math.max(min, Math.floor(window.innerHeight - top - below)));
    };
    measure();
    const page = new ResizeObserver(measure);
    page.observe(document.documentElement);
    window.addEventListener('resize', measure);
    return () => {
      page.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref, min, below]);
  return height;
};
