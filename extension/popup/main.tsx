import { render } from 'preact';
import { ask } from '../messaging';

function Popup({ version }: { version: string }) {
  return (
    <main class="popup" aria-label="CORS Lens summary">
      <h1>CORS Lens</h1>
      <p>No blocked requests in this tab.</p>
      <p class="hint">Open DevTools → CORS for details. Version {version}.</p>
    </main>
  );
}

const root = document.getElementById('app');
if (root)
  void ask({ type: 'cors-lens:ping' }).then(({ version }) =>
    render(<Popup version={version} />, root),
  );
