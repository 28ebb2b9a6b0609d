import { useLayoutEffect, useState } from "react";

export interface Size {
  width: number;
  height: number;
}

/**
 * The element's content size, following resizes (the run panels are resizable). Without
 * ResizeObserver (jsdom) it keeps the first measurement, or `fallback` when layout gives zeros.
 */
export function useElementSize(element: HTMLElement | null, fallback: Size): Size {
  const [size, setSize] = useState<Size>(fallback);
  useLayoutEffect(() => {
    if (!element) return;
    const measure = () => {
      const width = element.clientWidth || fallback.width;
      const height = element.clientHeight || fallback.height;
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, fallback.width, fallback.height]);
  return size;
}
