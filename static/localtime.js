// Shows an event's times in the visitor's own time zone as well, beside the event's own and
// UTC, which the page already gives without this script. Only fills in elements the page marks.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var lang = document.documentElement.lang || undefined;
  var format;
  try {
    format = new Intl.DateTimeFormat(lang, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short"
    });
  } catch (e) {
    return;
  }
  document.querySelectorAll("[data-visitor-time]").forEach(function (holder) {
    // Nothing to add when the visitor is in the event's zone.
    if (!zone || holder.getAttribute("data-event-zone") === zone) {
      return;
    }
    var times = holder.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var at = new Date(times[i].getAttribute("datetime"));
      if (isNaN(at.getTime())) {
        return;
      }
      times[i].textContent = format.format(at);
    }
    var named = holder.querySelector("[data-zone]");
    if (named) {
      named.textContent = zone;
    }
    holder.hidden = false;
  });
})();
