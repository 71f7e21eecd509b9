// The service worker entry: wiring only. Listeners are registered synchronously at the
// top level so Chrome can wake the worker for them after it was stopped.
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
  recorder.setRecording(settings.recording);
  tracker.setRecording(settings.recording);
});
