import { useEffect } from "react";

/** Sets the document title to "<page> — Socius" while the page is shown (WCAG 2.4.2). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} — Socius` : "Socius";
  }, [title]);
}
