import { render } from 'preact';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { initialPanelState, panelReducer } from '../../src/ui/panel-store';
import { downloadExport } from '../download';
import { ask } from '../messaging';
import { subscribeToTab } from '../subscription';
import { Panel } from './components/Panel';
import { browserInfo } from '../platform';
import './panel.css';

// Bound to the inspected tab, never "the active tab". Outside DevTools (a plain tab, the
// tests) the query string names the tab and theme.
const query = new URLSearchParams(location.search);
const tabId = globalThis.chrome?.devtools?.inspectedWindow?.tabId ?? Number(query.get('tabId'));
const themeName = globalThis.chrome?.devtools?.panels?.themeName ?? query.get('theme');
const theme = themeName === 'dark' ? 'dark' : 'light';
document.documentElement.dataset.theme = theme;

function copy(text: string): void {
  // DevTools panels cannot always use the async clipboard API; the selection fallback works there.
  navigator.clipboard?.writeText(text).catch(() => {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  });
}

function App() {
  const [state, dispatch] = useReducer(panelReducer, undefined, initialPanelState);
  const [preserveLog, setPreserveLog] = useState(false);
  const [recording, setRecording] = useState(true);
  useEffect(
    () =>
      subscribeToTab(tabId, dispatch, (connected) => dispatch({ type: 'connection', connected }))
        .close,
    [],
  );
  useEffect(() => {
    void ask({ type: 'cors-lens:get-settings' }).then((s) => {
      setPreserveLog(s.preserveLog);
      setRecording(s.recording);
    });
  }, []);
  return (
    <Panel
      state={state}
      dispatch={dispatch}
      preserveLog={preserveLog}
      recording={recording}
      browser={browserInfo().name === 'Firefox' ? 'firefox' : 'chromium'}
      actions={{
        clear: () => void ask({ type: 'cors-lens:clear-tab', tabId }),
        setPreserveLog: (on) =>
          void ask({ type: 'cors-lens:set-settings', settings: { preserveLog: on } }).then((s) =>
            setPreserveLog(s.preserveLog),
          ),
        setRecording: (on) =>
          void ask({ type: 'cors-lens:set-settings', settings: { recording: on } }).then((s) =>
            setRecording(s.recording),
          ),
        exportReport: (format, scope) =>
          void downloadExport(
            tabId,
            format,
            scope === 'selected' && state.selectedId
              ? { ids: [state.selectedId] }
              : { blockedOnly: scope === 'blocked' },
          ),
        copy,
      }}
    />
  );
}

const root = document.getElementById('app');
if (root) render(<App />, root);
