// Saves the text being written a few seconds after each pause, so that nothing typed is lost
// if the browser closes or the connection drops. The form works the same without it.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var status = document.getElementById("autosave-status");
  var token = form.getAttribute("data-csrf");
  var timer = null;
  var lastSent = "";

  function payload() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      // Files are sent with the buttons, not every few seconds.
      if (typeof value === "string" && name !== "action" && name !== "csrf_token") {
        data.append(name, value);
      }
    });
    return data.toString();
  }

  function say(message) {
    if (status) {
      status.textContent = message;
    }
  }

  function remember(draft) {
    if (!form.querySelector("input[name=draft_id]")) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "draft_id";
      input.value = draft.draft_id;
      form.appendChild(input);
      // From now on the buttons save this draft, not a new one.
      form.action = draft.edit_url + "?csrf_token=" + encodeURIComponent(token);
      if (window.history && window.history.replaceState) {
        window.history.replaceState(null, "", draft.edit_url);
      }
    }
  }

  function save() {
    var body = payload();
    if (body === lastSent) {
      return;
    }
    fetch(form.getAttribute("data-autosave"), {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-CSRF-Token": token
      },
      body: body
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    }).then(function (draft) {
      lastSent = body;
      remember(draft);
      say(form.getAttribute("data-saved").replace("{time}", draft.saved_at));
    }).catch(function () {
      say(form.getAttribute("data-failed"));
    });
  }

  form.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 4000);
  });
})();
