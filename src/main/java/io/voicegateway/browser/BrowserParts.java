package io.voicegateway.browser;

import io.voicegateway.control.CallRegistry;
import io.voicegateway.control.Scheduler;

/** What the browser leg kind's pieces share, built once: the calls, the media, the pages' events, timers, state. */
record BrowserParts(CallRegistry calls, BrowserMedia media, PhoneEvents events, Scheduler scheduler, Phones phones,
    Sessions sessions, PendingCalls pending, RingingPhones ringing) {}
