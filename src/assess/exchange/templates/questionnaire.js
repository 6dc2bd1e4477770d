(function () {
  "use strict";
  // Text typed here is data: it is read from form fields and written with textContent or as
  // JSON, never as markup. No scores are computed here; assess does that.
  var data = JSON.parse(document.getElementById("form-data").textContent);
  var storageKey = "assess-questionnaire|" + data.key;
  var fields = ["note", "owner", "due", "justification"];
  var controls = Array.prototype.slice.call(document.querySelectorAll("fieldset.control"));
  var assessor = document.getElementById("assessor");
  var message = document.getElementById("message");

  function field(fs, name) {
    return fs.querySelector("[data-field='" + name + "']");
  }

  function status(fs) {
    var checked = fs.querySelector("input[type=radio]:checked");
    return checked ? checked.value : "";
  }

  function confirmed(fs) {
    var box = field(fs, "confirm");
    return box ? box.checked : true;
  }

  function read(fs) {
    var state = { status: status(fs), confirmed: confirmed(fs) };
    fields.forEach(function (name) {
      state[name] = field(fs, name).value;
    });
    return state;
  }

  function apply(fs, state) {
    Array.prototype.forEach.call(fs.querySelectorAll("input[type=radio]"), function (radio) {
      radio.checked = radio.value === state.status && !radio.disabled;
    });
    fields.forEach(function (name) {
      if (typeof state[name] === "string") {
        field(fs, name).value = state[name];
      }
    });
    var box = field(fs, "confirm");
    if (box) {
      box.checked = state.confirmed === true;
    }
  }

  function mark(fs) {
    var value = status(fs);
    fs.classList.toggle("na", value === "na");
    fs.classList.toggle("answered", value !== "" && confirmed(fs));
    fs.classList.toggle("needs-review", value !== "" && !confirmed(fs));
  }

  function store() {
    var state = { assessor: assessor.value, controls: {} };
    controls.forEach(function (fs) {
      state.controls[fs.dataset.control] = read(fs);
    });
    try {
      window.localStorage.setItem(storageKey, JSON.stringify(state));
    } catch (e) {
      // Storage may be off (private mode): the form still works, only without memory.
    }
  }

  function restore() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(storageKey);
    } catch (e) {
      return;
    }
    if (!raw) {
      return;
    }
    var state;
    try {
      state = JSON.parse(raw);
    } catch (e) {
      return;
    }
    if (typeof state.assessor === "string") {
      assessor.value = state.assessor;
    }
    controls.forEach(function (fs) {
      var saved = state.controls && state.controls[fs.dataset.control];
      if (saved) {
        apply(fs, saved);
      }
    });
  }

  function progress() {
    var done = 0;
    var review = 0;
    var phases = {};
    controls.forEach(function (fs) {
      mark(fs);
      if (status(fs) !== "" && !confirmed(fs)) {
        review += 1;
      }
      var phase = fs.dataset.phase;
      phases[phase] = phases[phase] || { done: 0, total: 0 };
      phases[phase].total += 1;
      if (status(fs) !== "" && confirmed(fs)) {
        done += 1;
        phases[phase].done += 1;
      }
    });
    document.getElementById("progress-count").textContent = done + "/" + controls.length;
    document.getElementById("progress").value = done;
    document.getElementById("to-review").textContent =
      review > 0 ? data.texts.to_review.replace("{count}", String(review)) : "";
    Array.prototype.forEach.call(document.querySelectorAll(".phase-count"), function (el) {
      var p = phases[el.dataset.phase];
      el.textContent = p.done + "/" + p.total;
    });
  }

  function today() {
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function say(text, error) {
    message.textContent = text;
    message.classList.toggle("error", error);
  }

  function answers(on) {
    var result = {};
    var missing = [];
    controls.forEach(function (fs) {
      var state = read(fs);
      if (state.status === "") {
        return;
      }
      var answer = { status: state.status };
      ["note", "owner", "justification"].forEach(function (name) {
        var text = state[name].trim();
        if (text !== "" && (name !== "justification" || state.status === "na")) {
          answer[name] = text;
        }
      });
      if (/^\d{4}-\d{2}-\d{2}$/.test(state.due)) {
        answer.due = state.due;
      }
      if (fs.dataset.carried === "true" && !state.confirmed) {
        answer.updated = fs.dataset.updated;
        answer.reviewed = false;
      } else {
        answer.updated = on;
      }
      if (state.status === "na" && !answer.justification) {
        missing.push(fs.dataset.control);
      }
      result[fs.dataset.control] = answer;
    });
    return { answers: result, missing: missing };
  }

  function save() {
    var name = assessor.value.trim();
    if (name === "") {
      say(data.texts.need_assessor, true);
      assessor.focus();
      return;
    }
    var on = today();
    var collected = answers(on);
    if (collected.missing.length > 0) {
      say(data.texts.need_justification.replace("{ids}", collected.missing.join(", ")), true);
      return;
    }
    var file = { catalog: data.catalog, date: on, assessor: name, answers: collected.answers };
    if (data.profile) {
      file.profile = data.profile;
    }
    var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = data.file;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    say(data.texts.saved.replace("{file}", data.file), false);
  }

  document.getElementById("questionnaire").addEventListener("input", function (event) {
    var fs = event.target.closest("fieldset.control");
    var box = fs ? field(fs, "confirm") : null;
    // Changing anything in a carried-over answer means it was looked at.
    if (box && event.target !== box) {
      box.checked = true;
    }
    store();
    progress();
  });
  assessor.addEventListener("input", store);
  document.getElementById("save").addEventListener("click", save);
  restore();
  progress();
})();
