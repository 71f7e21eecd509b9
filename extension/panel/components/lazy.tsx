import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyComponent<P> {
  (props: P): preact.JSX.Element;
  /** Starts loading (once); resolves when the component renders without waiting. */
  preload(): Promise<unknown>;
}

/**
 * A component whose code loads on first use. The request list needs none of the analyzer, the
 * fix generators or the console-message parser (two thirds of the panel's code), so the panel
 * opens with the list and loads those for the first opened request, or right after the first
 * paint (`preload`). Preact's own `lazy` lives in preact/compat, which the panel does not ship.
 */
export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  what: string,
): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let failed = false;
  let loading: Promise<unknown> | null = null;
  const preload = () =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
      },
      () => {
        failed = true;
      },
    ));
  function Lazy(props: P) {
    const [, setSettled] = useState(0);
    useEffect(() => {
      if (!loaded && !failed) void preload().then(() => setSettled((n) => n + 1));
    }, []);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    return (
      <p class="muted hint" role="status">
        {failed ? `Could not load the ${what}: reload the panel.` : `Loading the ${what}…`}
      </p>
    );
  }
  return Object.assign(Lazy, { preload });
}
