// The service worker entry: wiring only. Listeners are registered synchronously at the
// top level so Chrome can wake the worker for them after it was stopped.
import { recordScope } from '../../src/tracker/record-scope';
import { countStart } from './lifecycle';
import { listenForRequests } from './request-handlers';
import { watchSettings } from '../settings';
import { listenForSubscriptions } from './subscriptions';
import { listenForTabs } from './tab-events';
import { TrackerService } from './tracker-service';
import { scopedObserver } from '../webrequest';

countStart();
const tracker = new TrackerService();
// Every server at first, then as the settings say (read from storage a moment later).
const recorder = scopedObserver(
  (event) => tracker.handle(event),
  (origin, kind, scope) => tracker.workerTabs.noteWorkerScript(origin, kind, scope),
);
recorder.observe({});
listenForRequests(tracker);
listenForSubscriptions(tracker);
listenForTabs(tracker);
watchSettings((settings) => {
  tracker.preserveLog = settings.preserveLog;
  recorder.observe(settings.recording ? { urls: recordScope(settings.recordOnly).patterns } : null);
  tracker.setRecording(settings.recording);
});
