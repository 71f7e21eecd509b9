import { render } from 'preact';
import { useEffect, useReducer, useState } from 'preact/hooks';
import { initialPanelState, panelReducer } from '../../src/ui/panel-store';
import { downloadExport } from '../download';
import { ask } from '../messaging';
import { watchSettings } from '../settings';
import { defaultSettings, type Settings } from '../../src/protocol/messages';
import { subscribeToTab } from '../subscription';
import { Panel } from './components/Panel';
import { preloadPanelParts } from './components/lazy-parts';
import { browserInfo } from '../platform';
import './panel.css';
import { diagramStyle } from '../../src/report/sequence-diagram';

// Bound to the inspected tab, never "the active tab". Outside DevTools (a plain tab, the
// tests) the query string names the tab and theme.
const query = new URLSearchParams(location.search);
const tabId = globalThis.chrome?.devtools?.inspectedWindow?.tabId ?? Number(query.get('tabId'));
const panels = globalThis.chrome?.devtools?.panels;
const applyTheme = (name: string | null | undefined) =>
  (document.documentElement.dataset.theme = name === 'dark' ? 'dark' : 'light');
applyTheme(panels?.themeName ?? query.get('theme'));
// DevTools' theme can change while the panel is open: Chromium calls setThemeChangeHandler,
// Firefox fires devtools.panels.onThemeChanged.
type ThemeEvents = { onThemeChanged?: { addListener(listener: (name: string) => void): void } };
try {
  panels?.setThemeChangeHandler?.((name) => applyTheme(name));
  (panels as ThemeEvents | undefined)?.onThemeChanged?.addListener(applyTheme);
} catch {
  // Outside DevTools (the tests' stand-in) there is nothing to listen to.
}

// The sequence diagram's rules are shared with the HTML report, so they come from its module.
const diagramSheet = new CSSStyleSheet();
diagramSheet.replaceSync(diagramStyle);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, diagramSheet];

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
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  const [paused, setPaused] = useState(false);
  useEffect(
    () =>
      subscribeToTab(
        tabId,
        (message) => {
          if (message.type === 'snapshot') setPaused(message.paused ?? false);
          dispatch(message);
        },
        (connected) => dispatch({ type: 'connection', connected }),
      ).close,
    [],
  );
  // Changed here, in the popup or in another panel: the same storage.
  useEffect(() => watchSettings(setSettings), []);
  const change = (change: Partial<Settings>) =>
    void ask({ type: 'cors-lens:set-settings', settings: change }).then(setSettings);
  return (
    <Panel
      state={state}
      dispatch={dispatch}
      preserveLog={settings.preserveLog}
      recording={settings.recording}
      paused={paused}
      recordOnly={settings.recordOnly}
      browser={browserInfo().name === 'Firefox' ? 'firefox' : 'chromium'}
      actions={{
        clear: () => void ask({ type: 'cors-lens:clear-tab', tabId }),
        setPreserveLog: (on) => change({ preserveLog: on }),
        setRecording: (on) => change({ recording: on }),
        setRecordOnly: (entries) => change({ recordOnly: entries }),
        setTabRecording: (on) =>
          void ask({ type: 'cors-lens:set-tab-recording', tabId, on }).then((r) =>
            setPaused(r.paused),
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
// The list is on screen: load the detail's code now, so opening a request does not wait for it.
setTimeout(() => void preloadPanelParts(), 0);
