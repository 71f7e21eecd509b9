// The service worker entry: wiring only. Listeners are registered synchronously at the
// top level so Chrome can wake the worker for them after it was stopped.
import { recordScope } from '../../src/tracker/record-scope';
import { countStart } from './lifecycle';
import { listenForRequests } from './request-handlers';
import { watchSettings } from '../settings';
import { listenForSubscriptions } from './subscriptions';
import { listenForTabs } from './tab-events';
import { TrackerService } from './tracker-service';
import { listenForWebRequests } from './webrequest-listeners';

countStart();
const tracker = new TrackerService();
const recorder = listenForWebRequests(tracker);
listenForRequests(tracker);
listenForSubscriptions(tracker);
listenForTabs(tracker);
watchSettings((settings) => {
  tracker.preserveLog = settings.preserveLog;
  recorder.configure(settings.recording, recordScope(settings.recordOnly).patterns);
  tracker.setRecording(settings.recording);
});
