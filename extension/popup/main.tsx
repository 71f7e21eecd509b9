import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ExchangeRecord } from '../../src/tracker/tab-log';
import { browser } from '../browser';
import { downloadExport } from '../download';
import { ask } from '../messaging';
import { subscribeToTab } from '../subscription';
import { watchSettings } from '../settings';
import type { Settings } from '../../src/protocol/messages';
import { Popup } from './Popup';
import './popup.css';

async function currentTabId(): Promise<number> {
  const fromQuery = new URLSearchParams(location.search).get('tabId');
  if (fromQuery) return Number(fromQuery);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

function App({ tabId }: { tabId: number }) {
  const [records, setRecords] = useState<ExchangeRecord[]>([]);
  const [paused, setPaused] = useState(false);
  useEffect(
    () =>
      subscribeToTab(
        tabId,
        (message) => {
          if (message.type === 'snapshot') {
            setRecords(message.records);
            setPaused(message.paused ?? false);
          } else if (message.type === 'cleared') setRecords([]);
          else
            setRecords((old) => [...old.filter((r) => r.id !== message.record.id), message.record]);
        },
        () => undefined,
      ).close,
    [tabId],
  );
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  useEffect(() => watchSettings(setSettings), []);
  return (
    <Popup
      records={records}
      onExport={(format) => void downloadExport(tabId, format)}
      recording={settings?.recording}
      recordOnly={settings?.recordOnly}
      paused={paused}
      onRecordingChange={(on) =>
        void ask({ type: 'cors-lens:set-settings', settings: { recording: on } }).then(setSettings)
      }
      onTabRecordingChange={(on) =>
        void ask({ type: 'cors-lens:set-tab-recording', tabId, on }).then((r) =>
          setPaused(r.paused),
        )
      }
    />
  );
}

const root = document.getElementById('app');
if (root) void currentTabId().then((tabId) => render(<App tabId={tabId} />, root));
