// A small calendar for the back office's date boxes (input[data-datepicker]). The box is plain
// text that takes dd/mm/yyyy (and, for meeting dates, mm/yyyy or yyyy) and works on its own;
// this adds a button that opens a month grid and writes the chosen day as dd/mm/yyyy.
// Its words come translated from data-calendar-* attributes on an ancestor (the form).
// Keys: arrows move by a day or a week, Page Up/Down by a month, Home/End to the week's ends,
// Enter or Space chooses, Escape closes and returns to the button.
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function format(day) {
    return pad(day.getDate()) + "/" + pad(day.getMonth() + 1) + "/" + day.getFullYear();
  }

  function parse(text) {
    var m = /^\s*(?:(\d{1,2})[\/.\-])?(?:(\d{1,2})[\/.\-])?(\d{4})\s*$/.exec(text || "");
    if (!m) {
      return null;
    }
    var year = parseInt(m[3], 10);
    var day = m[1] && m[2] ? parseInt(m[1], 10) : 1;
    var month = m[2] ? parseInt(m[2], 10) : (m[1] ? parseInt(m[1], 10) : 1);
    var value = new Date(year, month - 1, day);
    if (value.getMonth() !== month - 1 || value.getDate() !== day) {
      return null;
    }
    return {date: value, exact: Boolean(m[1] && m[2])};
  }

  function sameDay(a, b) {
    return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() &&
      a.getDate() === b.getDate();
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function attach(input, words) {
    var toggle = element("button", "calendar-toggle", words.open);
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", input.id + "-calendar");
    var panel = element("div", "calendar");
    panel.id = input.id + "-calendar";
    panel.hidden = true;
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", words.open);
    input.insertAdjacentElement("afterend", toggle);
    toggle.insertAdjacentElement("afterend", panel);

    var focused = null;

    function render() {
      panel.textContent = "";
      var shown = new Date(focused.getFullYear(), focused.getMonth(), 1);
      var header = element("div", "calendar-header");
      var prev = element("button", "calendar-prev", "‹");
      prev.type = "button";
      prev.setAttribute("aria-label", words.prev);
      var next = element("button", "calendar-next", "›");
      next.type = "button";
      next.setAttribute("aria-label", words.next);
      var title = element("p", "calendar-title",
        words.month.replace("{month}", String(shown.getMonth() + 1)).replace("{year}", String(shown.getFullYear())));
      title.id = panel.id + "-title";
      title.setAttribute("aria-live", "polite");
      header.append(prev, title, next);
      prev.addEventListener("click", function () {
        move(new Date(focused.getFullYear(), focused.getMonth() - 1, 1), ".calendar-prev");
      });
      next.addEventListener("click", function () {
        move(new Date(focused.getFullYear(), focused.getMonth() + 1, 1), ".calendar-next");
      });

      var table = element("table", "calendar-grid");
      table.setAttribute("aria-labelledby", title.id);
      var head = element("tr");
      words.days.forEach(function (name) {
        var th = element("th", "", name);
        th.scope = "col";
        head.append(th);
      });
      var thead = element("thead");
      thead.append(head);
      table.append(thead);
      var body = element("tbody");
      table.append(body);
      var chosen = parse(input.value);
      var today = new Date();
      var offset = (shown.getDay() + 6) % 7; // weeks start on Monday
      var cursor = new Date(shown.getFullYear(), shown.getMonth(), 1 - offset);
      for (var week = 0; week < 6; week += 1) {
        var row = element("tr");
        for (var d = 0; d < 7; d += 1) {
          var cell = element("td");
          if (cursor.getMonth() === shown.getMonth()) {
            var button = element("button", "calendar-day", String(cursor.getDate()));
            button.type = "button";
            button.setAttribute("aria-label", format(cursor));
            button.dataset.day = format(cursor);
            button.tabIndex = sameDay(cursor, focused) ? 0 : -1;
            if (chosen && chosen.exact && sameDay(cursor, chosen.date)) {
              button.setAttribute("aria-pressed", "true");
            }
            if (sameDay(cursor, today)) {
              button.setAttribute("aria-current", "date");
            }
            cell.append(button);
          }
          row.append(cell);
          cursor = new Date(cursor.getFullYear(), cursor.getMonth(), cursor.getDate() + 1);
        }
        body.append(row);
      }
      panel.append(header, table);

      var footer = element("div", "calendar-footer");
      var todayButton = element("button", "calendar-today", words.today);
      todayButton.type = "button";
      todayButton.addEventListener("click", function () {
        choose(new Date());
      });
      var closeButton = element("button", "calendar-close", words.close);
      closeButton.type = "button";
      closeButton.addEventListener("click", function () {
        close(true);
      });
      footer.append(todayButton, closeButton);
      panel.append(footer);
    }

    function focusDay() {
      var button = panel.querySelector('[data-day="' + format(focused) + '"]');
      if (button) {
        button.focus();
      }
    }

    function move(day, focusSelector) {
      focused = day;
      render();
      if (focusSelector) {
        panel.querySelector(focusSelector).focus();  // the month buttons were drawn again
      } else {
        focusDay();
      }
    }

    function choose(day) {
      input.value = format(day);
      input.dispatchEvent(new Event("change", {bubbles: true}));
      close(false);
      input.focus();
    }

    function open() {
      var chosen = parse(input.value);
      focused = chosen ? chosen.date : new Date();
      render();
      panel.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      focusDay();
    }

    function close(focusToggle) {
      panel.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      if (focusToggle) {
        toggle.focus();
      }
    }

    toggle.addEventListener("click", function () {
      if (panel.hidden) {
        open();
      } else {
        close(false);
      }
    });

    panel.addEventListener("click", function (event) {
      var button = event.target.closest("[data-day]");
      if (button) {
        choose(parse(button.dataset.day).date);
      }
    });

    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        close(true);
        return;
      }
      if (!event.target.matches("[data-day]")) {
        return;
      }
      var steps = {ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7};
      var day = null;
      if (event.key in steps) {
        day = new Date(focused.getFullYear(), focused.getMonth(), focused.getDate() + steps[event.key]);
      } else if (event.key === "PageUp" || event.key === "PageDown") {
        var delta = event.key === "PageUp" ? -1 : 1;
        var last = new Date(focused.getFullYear(), focused.getMonth() + delta + 1, 0).getDate();
        day = new Date(focused.getFullYear(), focused.getMonth() + delta, Math.min(focused.getDate(), last));
      } else if (event.key === "Home" || event.key === "End") {
        var weekday = (focused.getDay() + 6) % 7;
        var shift = event.key === "Home" ? -weekday : 6 - weekday;
        day = new Date(focused.getFullYear(), focused.getMonth(), focused.getDate() + shift);
      }
      if (day) {
        event.preventDefault();
        move(day);
      }
    });

    document.addEventListener("click", function (event) {
      // the path as it was when clicked: a month button is redrawn by then
      if (!panel.hidden && event.composedPath().indexOf(panel) === -1 && event.target !== toggle) {
        close(false);
      }
    });
  }

  document.querySelectorAll("input[data-datepicker]").forEach(function (input) {
    var holder = input.closest("[data-calendar-open]");
    if (!holder || !input.id) {
      return;
    }
    attach(input, {
      open: holder.dataset.calendarOpen,
      prev: holder.dataset.calendarPrev,
      next: holder.dataset.calendarNext,
      close: holder.dataset.calendarClose,
      month: holder.dataset.calendarMonth,
      today: holder.dataset.calendarToday,
      days: holder.dataset.calendarDays.split(",")
    });
  });
})();
