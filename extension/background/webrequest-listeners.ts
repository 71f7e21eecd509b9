import { observeCrossOriginRequests } from '../webrequest';
import type { TrackerService } from './tracker-service';

export interface WebRequestRecorder {
  /**
   * Off removes the listeners (with none, Chromium dispatches nothing to CORS Lens); `urls`
   * (match patterns, empty for all) limits them to the servers being debugged.
   */
  configure(on: boolean, urls: string[]): void;
}

/** Registers the listeners now (at the worker's top level, so events wake it). */
export function listenForWebRequests(tracker: TrackerService): WebRequestRecorder {
  const handle = tracker.handle.bind(tracker);
  let stop: (() => void) | undefined = observeCrossOriginRequests(handle);
  let scope = JSON.stringify([]);
  return {
    configure(on, urls) {
      const next = on ? JSON.stringify(urls) : '';
      if (next === scope && on === (stop !== undefined)) return;
      stop?.();
      stop = on ? observeCrossOriginRequests(handle, { urls }) : undefined;
      scope = next;
    },
  };
}
