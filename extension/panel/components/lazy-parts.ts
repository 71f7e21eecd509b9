// The panel's parts that load after the list (see lazy.tsx): one chunk each.
import { lazyComponent } from './lazy';

export const LazyDetail = lazyComponent(
  () => import('./Detail').then((m) => m.Detail),
  'request details',
);
export const LazyPasteBox = lazyComponent(
  () => import('./PasteBox').then((m) => m.PasteBox),
  'console-message box',
);

/** Loads every lazy part (after the first paint, and in tests before rendering). */
export function preloadPanelParts(): Promise<unknown> {
  return Promise.all([LazyDetail.preload(), LazyPasteBox.preload()]);
}
