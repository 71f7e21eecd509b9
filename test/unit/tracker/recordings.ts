// The webRequest event sequences recorded from real Chromium (scripts/record-webrequest.ts),
// with Chrome's own verdict on each request of the same run.
import { readFileSync } from 'node:fs';
import {
  isCrossOriginFromPage,
  toTrackerEvent,
  type TrackerEvent,
  type TrackerEventKind,
  type WebRequestDetails,
} from '../../../src/tracker/webrequest-event';

interface Recording {
  chrome: Record<string, { corsError: string | null; failedParameter: string | null }>;
  events: (WebRequestDetails & { event: TrackerEventKind })[];
}

export function load(name: string): { chrome: Recording['chrome']; events: TrackerEvent[] } {
  const recording = JSON.parse(
    readFileSync(new URL(`../../fixtures/webrequest/${name}.json`, import.meta.url), 'utf8'),
  ) as Recording;
  const events = recording.events
    .map(({ event, ...details }) => toTrackerEvent(event, details))
    .filter(isCrossOriginFromPage);
  return { chrome: recording.chrome, events };
}
