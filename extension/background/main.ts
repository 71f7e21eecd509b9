// The service worker entry: wiring only. Listeners are registered synchronously at the
// top level so Chrome can wake the worker for them after it was stopped.
import { listenForRequests } from './request-handlers';

listenForRequests();
