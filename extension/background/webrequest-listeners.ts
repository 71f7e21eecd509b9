import { observeCrossOriginRequests } from '../webrequest';
import type { TrackerService } from './tracker-service';

export interface WebRequestRecorder {
  /** Adds or removes the listeners: with none, Chromium routes nothing through CORS Lens. */
  setRecording(on: boolean): void;
}

/** Registers the listeners now (at the worker's top level, so events wake it). */
export function listenForWebRequests(tracker: TrackerService): WebRequestRecorder {
  const handle = tracker.handle.bind(tracker);
  let stop: (() => void) | undefined = observeCrossOriginRequests(handle);
  return {
    setRecording(on) {
      if (on === (stop !== undefined)) return;
      if (on) stop = observeCrossOriginRequests(handle);
      else {
        stop?.();
        stop = undefined;
      }
    },
  };
}
