// How the two browsers' webRequest differ where the pairing machine cares
// (../shared/firefox-facts.md, and shared/webrequest-facts.md for Chromium).

export interface BrowserTraits {
  /**
   * Firefox fires the actual request's send-headers before its preflight starts (Chromium:
   * only after the preflight passed), so the preflight is claimed when the request ends.
   */
  preflightAfterRequestStart: boolean;
  /**
   * Chromium's onCompleted means the page got the response. Firefox fires it also for a
   * response that failed CORS: there, the verdict comes from the headers alone.
   */
  completedMeansDelivered: boolean;
  /**
   * Firefox's webRequest joins repeated response header lines with ", " (Set-Cookie aside);
   * for Access-Control-Allow-Origin, where a comma is never valid, that means two lines.
   */
  joinsRepeatedHeaders: boolean;
}

export const chromiumTraits: BrowserTraits = {
  preflightAfterRequestStart: false,
  completedMeansDelivered: true,
  joinsRepeatedHeaders: false,
};

export const firefoxTraits: BrowserTraits = {
  preflightAfterRequestStart: true,
  completedMeansDelivered: false,
  joinsRepeatedHeaders: true,
};
