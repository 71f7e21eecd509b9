import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ExchangeRecord } from '../../src/tracker/tab-log';
import { browser } from '../browser';
import { downloadExport } from '../download';
import { ask } from '../messaging';
import { subscribeToTab } from '../subscription';
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
  useEffect(
    () =>
      subscribeToTab(
        tabId,
        (message) => {
          if (message.type === 'snapshot') setRecords(message.records);
          else if (message.type === 'cleared') setRecords([]);
          else
            setRecords((old) => [...old.filter((r) => r.id !== message.record.id), message.record]);
        },
        () => undefined,
      ).close,
    [tabId],
  );
  const [recording, setRecording] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    void ask({ type: 'cors-lens:get-settings' }).then((s) => setRecording(s.recording));
  }, []);
  return (
    <Popup
      records={records}
      onExport={(format) => void downloadExport(tabId, format)}
      recording={recording}
      onRecordingChange={(on) =>
        void ask({ type: 'cors-lens:set-settings', settings: { recording: on } }).then((s) =>
          setRecording(s.recording),
        )
      }
    />
  );
}

const root = document.getElementById('app');
if (root) void currentTabId().then((tabId) => render(<App tabId={tabId} />, root));
