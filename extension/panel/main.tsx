import { render } from 'preact';
import { ask } from '../messaging';

function inspectedTabId(): number | undefined {
  return globalThis.chrome?.devtools?.inspectedWindow?.tabId;
}

function Panel({ version, tabId }: { version: string; tabId: number | undefined }) {
  return (
    <main class="panel" aria-label="CORS Lens">
      <header>
        <h1>CORS</h1>
        <span class="version">CORS Lens {version}</span>
      </header>
      <section class="empty">
        <p>
          Recording cross-origin requests of tab {tabId ?? '(unknown)'}. Requests appear here as the
          page makes them.
        </p>
      </section>
    </main>
  );
}

const root = document.getElementById('app');
if (root) {
  void ask({ type: 'cors-lens:ping' }).then(({ version }) =>
    render(<Panel version={version} tabId={inspectedTabId()} />, root),
  );
}
