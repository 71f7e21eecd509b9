// The panel component in a plain page with N generated exchanges (?n=10000): no extension,
// no worker, the same components and store. Used by bench/panel-render.ts.
import { render } from 'preact';
import { useReducer } from 'preact/hooks';
import { Panel } from '../../extension/panel/components/Panel';
import { initialPanelState, panelReducer } from '../../src/ui/panel-store';
import { recordOf } from '../../src/tracker/tab-log';
import type { TrackedRequest } from '../../src/tracker/pairing';
import '../../extension/panel/panel.css';

const count = Number(new URLSearchParams(location.search).get('n') ?? 10_000);
const page = 'https://app.example.com';
const records = Array.from({ length: count }, (_, i) => {
  const blocked = i % 3 === 0;
  const url = `https://api${i % 50}.example.com/v1/items/${i}?page=${i % 7}`;
  const request: TrackedRequest = {
    id: `1:${i}`,
    requestId: String(i),
    tabId: 1,
    frameId: 0,
    method: blocked ? 'PUT' : 'GET',
    type: 'xmlhttprequest',
    initiator: page,
    startedAt: 1e12 + i * 10,
    updatedAt: 1e12 + i * 10,
    completed: !blocked,
    done: true,
    ...(blocked ? { error: 'net::ERR_FAILED' } : {}),
    hops: [
      {
        url,
        requestHeaders: [
          { name: 'Origin', value: page },
          { name: 'Sec-Fetch-Mode', value: 'cors' },
          { name: 'X-Request-Id', value: String(i) },
        ],
        response: {
          status: 200,
          headers: blocked ? [] : [{ name: 'Access-Control-Allow-Origin', value: page }],
        },
        preflight: null,
      },
    ],
  };
  return recordOf(request);
});

function App() {
  const [state, dispatch] = useReducer(panelReducer, undefined, () =>
    panelReducer(initialPanelState(), { type: 'snapshot', tabId: 1, records }),
  );
  return (
    <Panel
      state={state}
      dispatch={dispatch}
      preserveLog={false}
      actions={{
        clear: () => undefined,
        setPreserveLog: () => undefined,
        exportReport: () => undefined,
        copy: () => undefined,
      }}
    />
  );
}

const root = document.getElementById('app');
const started = performance.now();
if (root) render(<App />, root);
requestAnimationFrame(() => {
  (window as unknown as { firstRenderMs: number }).firstRenderMs = performance.now() - started;
});
