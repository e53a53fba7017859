// The roster questionnaire (coopmap survey). Reads its data from #survey-data, writes
// the page with textContent only (names are never parsed as HTML), keeps the answers in
// localStorage, and saves them as a JSON or CSV answers file with a SHA-256 checksum
// (see coopmap/_survey/_answers.py for the format and the checksum's text).
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("survey-data").textContent);
  var T = D.texts, MAX_SHOWN = 50, root = document.getElementById("survey");
  var byId = {}, order = [];
  D.structures.forEach(function (s) {
    var rec = { id: s[0], name: s[1], short: s[2], aliases: s[3], extra: s[4] };
    rec.hay = fold([s[0], s[1], s[2]].concat(s[3]).join(" "));
    byId[rec.id] = rec;
    order.push(rec);
  });
  var collator = typeof Intl !== "undefined" ? new Intl.Collator(D.lang) : null;
  order.sort(function (a, b) { return collator ? collator.compare(a.name, b.name) : a.name < b.name ? -1 : 1; });
  var typeOf = {};
  D.types.forEach(function (t) { typeOf[t.code] = t; });

  function fold(s) {
    s = String(s).toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }
  function fmt(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? String(values[k]) : m; });
  }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k === "on") Object.keys(attrs.on).forEach(function (ev) { e.addEventListener(ev, attrs.on[ev]); });
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  // ---- state, kept in localStorage -------------------------------------------------
  var KEY = D.key + "/" + (D.respondent || "");
  var state = { step: 0, respondent: D.respondent, partners: [], status: "complete" };
  var restored = false;
  try {
    var saved = JSON.parse(window.localStorage.getItem(KEY) || "null");
    if (saved && Array.isArray(saved.partners)) {
      state = saved;
      if (D.respondent) state.respondent = D.respondent;
      state.partners = state.partners.filter(function (p) { return !p.listed || byId[p.id]; });
      if (state.respondent && !byId[state.respondent]) state.respondent = null;
      restored = state.partners.length > 0 || !!state.respondent;
    }
  } catch (e) { /* no storage (private mode): answers live in the page only */ }
  function store() {
    try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* ignored */ }
  }
  function partnerKey(p) { return p.listed ? "id:" + p.id : "text:" + fold(p.text); }
  function partnerName(p) { return p.listed ? byId[p.id].name : p.text; }
  function findPartner(key) {
    for (var i = 0; i < state.partners.length; i++) if (partnerKey(state.partners[i]) === key) return state.partners[i];
    return null;
  }

  // ---- search ---------------------------------------------------------------------
  function matches(query, skip) {
    var words = fold(query).split(/\s+/).filter(Boolean), out = [], total = 0;
    for (var i = 0; i < order.length; i++) {
      var r = order[i];
      if (r.id === skip) continue;
      var ok = true;
      for (var w = 0; w < words.length && ok; w++) ok = r.hay.indexOf(words[w]) >= 0;
      if (!ok) continue;
      total++;
      if (out.length < MAX_SHOWN) out.push(r);
    }
    return { shown: out, total: total };
  }
  function onRoster(text) {
    var key = fold(text.replace(/\s+/g, " "));
    for (var i = 0; i < order.length; i++) {
      var r = order[i];
      var names = [r.id, r.name, r.short].concat(r.aliases);
      for (var k = 0; k < names.length; k++) if (names[k] && fold(names[k].replace(/\s+/g, " ")) === key) return r;
    }
    return null;
  }
  function describe(r) {
    var bits = [];
    if (r.short) bits.push(r.short);
    if (r.extra) bits.push(r.extra);
    return bits.join(" · ");
  }
  function countLine(res) {
    if (!res.total) return T.no_match;
    var line = fmt(T.results_count, { shown: res.shown.length, total: res.total });
    if (res.total > res.shown.length) line += " " + fmt(T.results_more, { n: res.total - res.shown.length });
    return line;
  }

  // ---- page -----------------------------------------------------------------------
  var steps = [T.step_who, T.step_partners, T.step_links, T.step_summary];
  var status = el("p", { id: "status", role: "status", "aria-live": "polite", class: "status" });

  function render(focusHeading) {
    Array.prototype.slice.call(root.children).forEach(function (c) { if (c.tagName !== "H1") root.removeChild(c); });
    if (state.step === 0 && D.respondent) state.step = 1;
    var nav = el("ol", { class: "steps", "aria-label": T.steps_label });
    steps.forEach(function (s, i) {
      nav.appendChild(el("li", { "aria-current": i === state.step ? "step" : null, class: i < state.step ? "done" : "" }, [s]));
    });
    root.appendChild(nav);
    if (state.step === 0 || (state.step === 1 && D.respondent)) root.appendChild(el("p", { class: "intro", text: T.intro }));
    if (restored) {
      root.appendChild(el("p", { class: "note" }, [T.restored + " ",
        el("button", { type: "button", class: "link", on: { click: restart } }, [T.restart])]));
    }
    var section = [whoStep, partnersStep, linksStep, summaryStep][state.step]();
    root.appendChild(section);
    root.appendChild(status);
    if (focusHeading) {
      var h = section.querySelector("h2");
      if (h) h.focus();
    }
  }
  function go(step) {
    status.textContent = "";
    restored = false;
    state.step = step;
    store();
    render(true);
    window.scrollTo(0, 0);
  }
  function say(text) { status.textContent = text; }
  function buttons(back, next) {
    var row = el("div", { class: "buttons" });
    if (back !== null) row.appendChild(el("button", { type: "button", class: "secondary", on: { click: back } }, [T.back]));
    if (next !== null) row.appendChild(el("button", { type: "button", on: { click: next } }, [T.next]));
    return row;
  }
  function heading(text) { return el("h2", { tabindex: "-1" }, [text]); }

  function whoStep() {
    var s = el("section", { "aria-labelledby": "h-who" });
    var h = heading(T.step_who); h.id = "h-who"; s.appendChild(h);
    if (state.respondent) {
      s.appendChild(el("p", { class: "chosen-respondent", id: "respondent" }, [fmt(T.who_chosen, { name: byId[state.respondent].name })]));
    }
    var input = el("input", { type: "search", id: "who-search", autocomplete: "off", "aria-describedby": "who-count" });
    s.appendChild(el("label", { for: "who-search" }, [T.who_label]));
    s.appendChild(input);
    var count = el("p", { id: "who-count", class: "count" });
    var list = el("ul", { class: "results", id: "who-results" });
    s.appendChild(count);
    s.appendChild(list);
    function update() {
      var res = matches(input.value, null);
      count.textContent = countLine(res);
      list.textContent = "";
      res.shown.forEach(function (r) {
        var b = el("button", { type: "button", class: "pick", "data-id": r.id, "aria-pressed": r.id === state.respondent ? "true" : "false",
          on: { click: function () { state.respondent = r.id; store(); go(1); } } },
          [el("span", { class: "name", text: r.name }), el("span", { class: "extra", text: describe(r) })]);
        list.appendChild(el("li", {}, [b]));
      });
    }
    input.addEventListener("input", update);
    update();
    s.appendChild(buttons(null, function () {
      if (!state.respondent) { say(T.who_required); input.focus(); return; }
      go(1);
    }));
    return s;
  }

  function partnersStep() {
    var s = el("section", { "aria-labelledby": "h-partners" });
    var h = heading(T.step_partners); h.id = "h-partners"; s.appendChild(h);
    var me = byId[state.respondent];
    s.appendChild(el("p", { class: "chosen-respondent", id: "respondent" }, [fmt(D.respondent ? T.respondent_fixed : T.who_chosen, { name: me.name }),
      D.respondent ? null : " ", D.respondent ? null : el("button", { type: "button", class: "link", on: { click: function () { go(0); } } }, [T.who_change])]));
    s.appendChild(el("p", { text: T.partners_intro }));
    var input = el("input", { type: "search", id: "partner-search", autocomplete: "off", "aria-describedby": "partner-count" });
    s.appendChild(el("label", { for: "partner-search" }, [T.search_partners]));
    s.appendChild(input);
    var count = el("p", { id: "partner-count", class: "count" });
    var list = el("ul", { class: "results checks", id: "partner-results" });
    s.appendChild(count);
    s.appendChild(list);
    var chosenBox = el("div", { class: "chosen", id: "chosen" });
    function update() {
      var res = matches(input.value, state.respondent);
      count.textContent = countLine(res);
      list.textContent = "";
      res.shown.forEach(function (r) {
        var id = "p-" + order.indexOf(r);
        var box = el("input", { type: "checkbox", id: id, "data-id": r.id, checked: !!findPartner("id:" + r.id) });
        box.addEventListener("change", function () {
          if (box.checked) state.partners.push({ listed: true, id: r.id, types: {}, comment: "" });
          else state.partners = state.partners.filter(function (p) { return partnerKey(p) !== "id:" + r.id; });
          store();
          drawChosen();
        });
        list.appendChild(el("li", {}, [box, el("label", { for: id }, [el("span", { class: "name", text: r.name }), el("span", { class: "extra", text: describe(r) })])]));
      });
    }
    function drawChosen() {
      chosenBox.textContent = "";
      chosenBox.appendChild(el("h3", {}, [state.partners.length ? fmt(T.chosen_count, { n: state.partners.length }) : T.chosen_none]));
      var ul = el("ul", { class: "chosen-list" });
      state.partners.forEach(function (p) {
        var name = partnerName(p);
        ul.appendChild(el("li", {}, [el("span", { class: "name", text: name }), p.listed ? null : el("span", { class: "badge", text: T.not_listed }),
          el("button", { type: "button", class: "link", "aria-label": fmt(T.remove_named, { name: name }), on: { click: function () {
            state.partners = state.partners.filter(function (q) { return q !== p; });
            store(); drawChosen(); update();
          } } }, [T.remove])]));
      });
      chosenBox.appendChild(ul);
    }
    input.addEventListener("input", update);
    update();
    drawChosen();
    s.appendChild(chosenBox);
    var other = el("input", { type: "text", id: "other-name", autocomplete: "off", maxlength: "200" });
    function addOther() {
      var text = other.value.trim();
      if (!text) { other.focus(); return; }
      var listed = onRoster(text);
      if (listed && listed.id !== state.respondent) {
        // typed as free text but on the roster (its name, short name, an alias or its id): the roster's entry
        other.value = "";
        if (findPartner("id:" + listed.id)) { say(T.other_exists); return; }
        state.partners.push({ listed: true, id: listed.id, types: {}, comment: "" });
        store(); drawChosen(); update();
        say(fmt(T.other_listed, { name: listed.name }));
        return;
      }
      var p = { listed: false, text: text, types: {}, comment: "" };
      if (findPartner(partnerKey(p))) { say(T.other_exists); return; }
      state.partners.push(p);
      other.value = "";
      store();
      drawChosen();
      say(fmt(T.other_added, { name: text }));
    }
    other.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); addOther(); } });
    s.appendChild(el("div", { class: "other" }, [el("label", { for: "other-name" }, [T.other_label]), other,
      el("button", { type: "button", id: "other-add", class: "secondary", on: { click: addOther } }, [T.other_add])]));
    s.appendChild(buttons(D.respondent ? null : function () { go(0); }, function () { go(2); }));
    return s;
  }

  function linksStep() {
    var s = el("section", { "aria-labelledby": "h-links" });
    var h = heading(T.step_links); h.id = "h-links"; s.appendChild(h);
    if (!state.partners.length) s.appendChild(el("p", { text: T.links_none }));
    else s.appendChild(el("p", { text: T.links_intro }));
    state.partners.forEach(function (p, pi) {
      var name = partnerName(p);
      var fs = el("fieldset", { class: "partner", id: "partner-" + pi, "data-partner": p.listed ? p.id : p.text });
      fs.appendChild(el("legend", {}, [fmt(T.types_legend, { name: name })]));
      D.types.forEach(function (t, ti) {
        var base = "t-" + pi + "-" + ti, row = el("div", { class: "type" });
        var box = el("input", { type: "checkbox", id: base, "data-type": t.code, checked: !!p.types[t.code] });
        row.appendChild(el("div", { class: "type-head" }, [box, el("label", { for: base }, [t.label, t.description ? el("span", { class: "extra", text: t.description }) : null])]));
        var detail = el("div", { class: "detail", hidden: !p.types[t.code] });
        function field(label, control) { return el("div", { class: "field" }, [el("label", { for: control.id }, [label]), control]); }
        var a = p.types[t.code] || {}, dir = null;
        if (t.directed) {
          // radio buttons, not a select: each direction's whole phrase stays readable on a phone
          dir = el("fieldset", { class: "direction", "data-field": "direction" }, [el("legend", {}, [T.direction_label])]);
          [["out", t.out || T.dir_out], ["in", t["in"] || T.dir_in], ["both", T.dir_both]].forEach(function (o) {
            var rid = base + "-dir-" + o[0];
            var radio = el("input", { type: "radio", name: base + "-dir", id: rid, value: o[0], checked: (a.direction || "out") === o[0] });
            radio.addEventListener("change", function () { if (radio.checked) { p.types[t.code].direction = o[0]; store(); } });
            dir.appendChild(el("div", { class: "field-inline" }, [radio, el("label", { for: rid }, [o[1]])]));
          });
          detail.appendChild(dir);
        }
        var inten = el("select", { id: base + "-int", "data-field": "intensity" });
        inten.appendChild(el("option", { value: "" }, [T.intensity_none]));
        D.intensity.forEach(function (o) {
          inten.appendChild(el("option", { value: String(o[0]), selected: a.intensity === o[0] }, [o[0] + " – " + o[1]]));
        });
        inten.addEventListener("change", function () { p.types[t.code].intensity = inten.value ? Number(inten.value) : null; store(); });
        detail.appendChild(field(T.intensity_label, inten));
        var start = el("input", { type: "date", id: base + "-start", "data-field": "start", value: a.start || "", max: "2100-12-31" });
        start.addEventListener("change", function () { p.types[t.code].start = start.value; store(); });
        detail.appendChild(field(T.start_label, start));
        row.appendChild(detail);
        box.addEventListener("change", function () {
          if (box.checked) p.types[t.code] = { direction: t.directed ? "out" : "", intensity: null, start: "" };
          else delete p.types[t.code];
          detail.hidden = !box.checked;
          if (box.checked) {
            inten.value = ""; start.value = "";
            if (dir) Array.prototype.forEach.call(dir.querySelectorAll("input"), function (r) { r.checked = r.value === "out"; });
          }
          store();
        });
        fs.appendChild(row);
      });
      var comment = el("input", { type: "text", id: "c-" + pi, "data-field": "comment", value: p.comment || "", maxlength: "500" });
      comment.addEventListener("input", function () { p.comment = comment.value; store(); });
      fs.appendChild(el("div", { class: "field" }, [el("label", { for: "c-" + pi }, [T.comment_label]), comment]));
      s.appendChild(fs);
    });
    s.appendChild(buttons(function () { go(1); }, function () {
      for (var i = 0; i < state.partners.length; i++) {
        if (!Object.keys(state.partners[i].types).length) {
          say(fmt(T.type_required, { name: partnerName(state.partners[i]) }));
          var first = document.getElementById("t-" + i + "-0");
          if (first) first.focus();
          return;
        }
      }
      go(3);
    }));
    return s;
  }

  function declarations() {
    var out = [];
    state.partners.forEach(function (p) {
      D.types.forEach(function (t) {
        var a = p.types[t.code];
        if (!a) return;
        out.push({ partner: p.listed ? p.id : p.text, listed: !!p.listed, type: t.code, direction: t.directed ? a.direction || "out" : "",
          intensity: a.intensity === undefined ? null : a.intensity, start: a.start || "", comment: p.comment || "" });
      });
    });
    return out;
  }
  function directionText(t, d) {
    if (!t.directed) return "";
    return d === "out" ? t.out || T.dir_out : d === "in" ? t["in"] || T.dir_in : T.dir_both;
  }

  function summaryStep() {
    var s = el("section", { "aria-labelledby": "h-summary" });
    var h = heading(T.step_summary); h.id = "h-summary"; s.appendChild(h);
    var decls = declarations();
    s.appendChild(el("p", { class: "chosen-respondent", id: "respondent" }, [fmt(T.who_chosen, { name: byId[state.respondent].name })]));
    if (!decls.length) s.appendChild(el("p", { text: T.summary_none }));
    else {
      s.appendChild(el("p", { text: T.summary_intro }));
      var table = el("table", { id: "summary" });
      var head = el("tr");
      [T.col_partner, T.col_type, T.col_direction, T.col_intensity, T.col_start].forEach(function (c) { head.appendChild(el("th", { scope: "col" }, [c])); });
      table.appendChild(el("thead", {}, [head]));
      var body = el("tbody");
      var labels = {};
      D.intensity.forEach(function (o) { labels[o[0]] = o[0] + " – " + o[1]; });
      decls.forEach(function (d) {
        var t = typeOf[d.type];
        // data-label: the column's name, shown before each cell when a phone stacks the rows
        body.appendChild(el("tr", {}, [el("td", { "data-label": T.col_partner, text: d.listed ? byId[d.partner].name : d.partner }),
          el("td", { "data-label": T.col_type, text: t.label }),
          el("td", { "data-label": T.col_direction, text: t.directed ? directionText(t, d.direction) : T.dir_two_way }),
          el("td", { "data-label": T.col_intensity, text: d.intensity === null ? "–" : labels[d.intensity] || String(d.intensity) }),
          el("td", { "data-label": T.col_start, class: "date", text: d.start || "–" })]));
      });
      table.appendChild(body);
      s.appendChild(el("div", { class: "table-wrap" }, [table]));
    }
    var fs = el("fieldset", { class: "status-choice" }, [el("legend", {}, [T.status_legend])]);
    ["complete", "partial"].forEach(function (v) {
      var r = el("input", { type: "radio", name: "status", id: "status-" + v, value: v, checked: state.status === v });
      r.addEventListener("change", function () { if (r.checked) { state.status = v; store(); } });
      fs.appendChild(el("div", { class: "field-inline" }, [r, el("label", { for: "status-" + v }, [T["status_" + v]])]));
    });
    s.appendChild(fs);
    var row = el("div", { class: "buttons" }, [
      el("button", { type: "button", class: "secondary", on: { click: function () { go(2); } } }, [T.back]),
      el("button", { type: "button", id: "save-json", on: { click: function () { save("json"); } } }, [T.save_json]),
      el("button", { type: "button", id: "save-csv", class: "secondary", on: { click: function () { save("csv"); } } }, [T.save_csv])]);
    s.appendChild(row);
    if (D.contact) s.appendChild(el("p", { class: "contact", text: fmt(T.contact, { contact: D.contact }) }));
    return s;
  }

  // ---- the answers file ---------------------------------------------------------------
  function canonical(doc) {
    return JSON.stringify([D.format, doc.wave, doc.respondent, doc.status, doc.saved, doc.declarations.map(function (d) {
      return [d.partner, d.listed ? "1" : "0", d.type, d.direction, d.intensity === null ? "" : String(d.intensity), d.start, d.comment];
    })]);
  }
  function csvCell(v) {
    v = String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function save(kind) {
    var doc = { format: D.format, wave: D.wave, respondent: state.respondent, status: state.status, saved: new Date().toISOString(),
      declarations: declarations() };
    doc.checksum = "sha256:" + sha256hex(new TextEncoder().encode(canonical(doc)));
    var text, type;
    if (kind === "json") {
      text = JSON.stringify(doc, null, 1) + "\n";
      type = "application/json";
    } else {
      var cols = ["format", "wave", "declarer", "status", "saved", "partner", "listed", "type", "direction", "intensity", "start", "comment", "checksum"];
      var rows = doc.declarations.length ? doc.declarations : [{ partner: "", listed: null, type: "", direction: "", intensity: null, start: "", comment: "" }];
      text = cols.join(",") + "\r\n" + rows.map(function (d) {
        return [doc.format, doc.wave, doc.respondent, doc.status, doc.saved, d.partner, d.listed === null ? "" : d.listed ? "1" : "0", d.type,
          d.direction, d.intensity === null ? "" : String(d.intensity), d.start, d.comment, doc.checksum].map(csvCell).join(",");
      }).join("\r\n") + "\r\n";
      type = "text/csv";
    }
    var name = "answers-" + String(D.wave).replace(/[^A-Za-z0-9_-]/g, "_") + "-" + String(state.respondent).replace(/[^A-Za-z0-9_-]/g, "_") + "." + kind;
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    document.body.setAttribute("data-saved", name);
    say(fmt(T.saved, { file: name }));
  }
  function restart() {
    if (!window.confirm(T.restart_confirm)) return;
    try { window.localStorage.removeItem(KEY); } catch (e) { /* ignored */ }
    state = { step: 0, respondent: D.respondent, partners: [], status: "complete" };
    restored = false;
    render(true);
  }

  // ---- SHA-256 (FIPS 180-4), so that the checksum needs no secure context ----------
  function sha256hex(bytes) {
    var K = [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
      0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
      0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
      0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70,
      0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
      0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2];
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var n = bytes.length, padded = new Uint8Array(((n + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[n] = 0x80;
    var bits = n * 8, end = padded.length;
    padded[end - 4] = (bits >>> 24) & 255; padded[end - 3] = (bits >>> 16) & 255; padded[end - 2] = (bits >>> 8) & 255; padded[end - 1] = bits & 255;
    padded[end - 5] = Math.floor(n / 0x20000000) & 255;
    var W = new Array(64);
    function rotr(x, k) { return (x >>> k) | (x << (32 - k)); }
    for (var off = 0; off < end; off += 64) {
      for (var i = 0; i < 16; i++) W[i] = (padded[off + 4 * i] << 24) | (padded[off + 4 * i + 1] << 16) | (padded[off + 4 * i + 2] << 8) | padded[off + 4 * i + 3];
      for (i = 16; i < 64; i++) {
        var s0 = rotr(W[i - 15], 7) ^ rotr(W[i - 15], 18) ^ (W[i - 15] >>> 3), s1 = rotr(W[i - 2], 17) ^ rotr(W[i - 2], 19) ^ (W[i - 2] >>> 10);
        W[i] = (W[i - 16] + s0 + W[i - 7] + s1) | 0;
      }
      var a = H[0], b = H[1], c = H[2], d = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (i = 0; i < 64; i++) {
        var t1 = (h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + W[i]) | 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c) | 0; H[3] = (H[3] + d) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    return H.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }
  window.coopmapSha256 = function (text) { return sha256hex(new TextEncoder().encode(text)); };

  render(false);
  document.body.setAttribute("data-ready", "1");
})();
