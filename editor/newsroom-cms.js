// The web editor's glue over Decap CMS (see README.md, "Web editor").
//
// Everything site-specific comes from editor.json, which the build generates from the settings,
// the content contract and content/glossary.yml (newsroom/commands/editor.py): nothing here
// names the site. What this file adds to Decap:
// - the "newsroom" format: the content contract's `Key: value` header, a blank line, then the
//   Markdown body; keys written in the contract's order and spelling, and lines that did not
//   change kept byte for byte (so an edit touches only what was edited);
// - a backend wrapper: Decap's i18n "multiple_folders" keeps files at <kind>/<lang>/<slug>.md,
//   ours are at <lang>/<kind>/<slug>.md, so paths are swapped on the way in and out;
// - widgets: categories and tags from the glossary in the pane's language, the English web
//   address (the file name) typed by the officer, an image description required with an image;
// - a preview in the site's own stylesheet and direction;
// - the interface's language: Arabic (editor/locale-ar.js) or Decap's English, as the officer's
//   browser prefers unless the EDITOR setting's UI_LOCALE names one, and a link on the page
//   that switches and remembers the choice in this browser.
(function () {
  "use strict";

  const CMS = window.CMS;
  const h = window.h;
  const SOURCE = "__newsroom_header"; // the header lines as read, to keep unchanged lines

  // -- The header format (the contract: newsroom/core/contract.py, parse_header) ------------
  const KEY_LINE = /^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$/;

  function splitList(value) {
    return String(value)
      .split(/[,،]/)
      .map((item) => item.trim())
      .filter((item) => item);
  }

  function makeFormat(keys) {
    // keys: [{key, field, spelling, list}] in the contract's order
    const byKey = Object.fromEntries(keys.map((k) => [k.key, k]));
    const byField = Object.fromEntries(keys.map((k) => [k.field, k]));

    function normalKey(raw) {
      return raw.toLowerCase().replace(/_/g, "-");
    }

    // The header's lines (with their raw text) and the body, as the contract reads them.
    function split(text) {
      const lines = text.replace(/\r\n/g, "\n").split("\n");
      const header = [];
      let i = 0;
      let last = null;
      for (; i < lines.length; i++) {
        const raw = lines[i];
        if (raw.trim() === "") {
          i += 1;
          break;
        }
        if (raw.startsWith("#") && last !== null) {
          header.push({ raw, comment: true });
          continue;
        }
        if ((raw[0] === " " || raw[0] === "\t") && last !== null) {
          header.push({ raw, key: last, continuation: true });
          continue;
        }
        const match = KEY_LINE.exec(raw);
        if (!match) {
          if (i === 0) break; // no header: the whole file is body
          header.push({ raw, comment: true }); // kept as written; the check reports it
          continue;
        }
        last = normalKey(match[1]);
        header.push({ raw, key: last, value: match[2].trim() });
      }
      if (i >= lines.length && lines.length && header.length === lines.length) {
        return { header, body: "" };
      }
      return { header, body: lines.slice(i).join("\n") };
    }

    function valuesOf(header) {
      const values = {};
      for (const line of header) {
        if (line.comment || !line.key) continue;
        if (line.continuation) {
          if (line.key in values) values[line.key] = `${values[line.key]} ${line.raw.trim()}`.trim();
        } else if (!(line.key in values)) {
          values[line.key] = line.value;
        }
      }
      return values;
    }

    function fromFile(text) {
      const { header, body } = split(text);
      const data = { body };
      for (const [key, value] of Object.entries(valuesOf(header))) {
        const spec = byKey[key];
        const field = spec ? spec.field : key.replace(/-/g, "_");
        if (spec && spec.list) data[field] = splitList(value);
        else if (spec && spec.boolean) data[field] = value.toLowerCase() === "yes";
        else data[field] = value;
      }
      data[SOURCE] = header.map((line) => line.raw);
      return data;
    }

    // One value as the header writes it: lists joined with the comma of their script, and a
    // value typed over several lines written as continuation lines (read back as one line by
    // the contract), so no typed text can start a header line of its own.
    function written(spec, value) {
      if (value === undefined || value === null) return "";
      if (spec.boolean) return value === true ? "yes" : value === false ? "" : String(value);
      let text;
      if (Array.isArray(value)) {
        const items = value.map((v) => String(v).trim()).filter((v) => v);
        const arabic = items.some((v) => /[\u0600-\u06ff]/.test(v));
        text = items.join(arabic ? "، " : ", ");
      } else {
        text = String(value);
      }
      return text
        .split(/\r\n|\n|\r/)
        .map((part) => part.trim())
        .filter((part) => part)
        .join("\n  ");
    }

    function comparable(spec, value) {
      return spec.list ? splitList(value).join("\u0000") : String(value).trim();
    }

    function toFile(data) {
      const values = {}; // key -> text to write ("" = leave out)
      for (const [name, value] of Object.entries(data)) {
        const spec = byField[name];
        if (spec) values[spec.key] = written(spec, value);
      }
      const before = Array.isArray(data[SOURCE]) ? split(data[SOURCE].join("\n") + "\n\n").header : [];
      const old = valuesOf(before);
      const out = [];
      const done = new Set();
      const line = (key) => `${byKey[key].spelling}: ${values[key]}`;
      // Keys of the file as it was, in its order: unchanged lines stay as they were.
      for (const item of before) {
        if (item.comment) {
          out.push(item.raw);
          continue;
        }
        const spec = byKey[item.key];
        if (!spec || done.has(item.key) && !item.continuation) {
          out.push(item.raw); // not the editor's to change
          continue;
        }
        const now = values[item.key];
        if (now === undefined) {
          out.push(item.raw);
          continue;
        }
        const same = now !== "" && comparable(spec, old[item.key] || "") === comparable(spec, now.replace(/\n  /g, " "));
        if (same) {
          out.push(item.raw);
        } else if (!item.continuation && now !== "") {
          out.push(line(item.key));
        }
        done.add(item.key);
      }
      // New keys, each after the last key written that comes before it in the contract.
      for (const spec of keys) {
        if (done.has(spec.key) || !values[spec.key]) continue;
        const order = keys.map((k) => k.key);
        let at = out.length;
        for (let j = out.length - 1; j >= 0; j--) {
          const m = KEY_LINE.exec(out[j]);
          if (m && !out[j].startsWith("#") && order.indexOf(normalKey(m[1])) > order.indexOf(spec.key)) at = j;
        }
        while (at > 0 && at < out.length && (out[at].startsWith(" ") || out[at].startsWith("\t"))) at += 1;
        out.splice(at, 0, line(spec.key));
        done.add(spec.key);
      }
      let body = data.body === undefined || data.body === null ? "" : String(data.body);
      if (body && !body.endsWith("\n")) body += "\n";
      return `${out.join("\n")}\n\n${body}`;
    }

    return { fromFile, toFile };
  }

  // -- Paths: Decap's <folder>/<kind>/<lang>/<slug>.md <-> our <folder>/<lang>/<kind>/<slug>.md -
  function escapeRe(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  function makeLayout(layout) {
    const root = escapeRe(layout.content);
    const kinds = layout.kinds.map(escapeRe).join("|");
    const locales = layout.locales.map(escapeRe).join("|");
    const cms = new RegExp(`^(/?)${root}/(${kinds})/(${locales})/(.+)$`);
    const store = new RegExp(`^(/?)${root}/(${locales})/(${kinds})/(.+)$`);
    const kindFolder = new RegExp(`^/?${root}/(${kinds})/?$`);
    return {
      toStore: (path) => path.replace(cms, `$1${layout.content}/$3/$2/$4`),
      toCms: (path) => path.replace(store, `$1${layout.content}/$3/$2/$4`),
      kindOf: (folder) => {
        const m = kindFolder.exec(folder);
        return m ? m[1] : null;
      },
      isStoredKind: (path, kind) => {
        const m = store.exec(path);
        return !!m && m[3] === kind && !m[4].includes("/");
      },
    };
  }

  function deepMap(value, fn) {
    if (typeof value === "string") return fn(value);
    if (Array.isArray(value)) return value.map((item) => deepMap(item, fn));
    if (value && Object.getPrototypeOf(value) === Object.prototype) {
      const out = {};
      for (const key of Object.keys(value)) out[key] = deepMap(value[key], fn);
      for (const sym of Object.getOwnPropertySymbols(value)) out[sym] = value[sym];
      return out;
    }
    return value;
  }

  function then(result, fn) {
    return result && typeof result.then === "function" ? result.then(fn) : fn(result);
  }

  function methodNames(object) {
    const names = new Set();
    for (let o = object; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) {
      for (const name of Object.getOwnPropertyNames(o)) {
        if (name !== "constructor" && typeof object[name] === "function") names.add(name);
      }
    }
    return names;
  }

  // A backend that stores through `base` (Decap's "proxy" or "github") in our layout.
  function mappedBackend(base, layout) {
    const paths = makeLayout(layout);
    return function NewsroomBackend(config, options) {
      const impl = CMS.getBackend(base).init(config, options);
      const original = {};
      for (const name of methodNames(impl)) original[name] = impl[name].bind(impl);
      for (const name of Object.keys(original)) {
        impl[name] = (...args) => then(original[name](...deepMap(args, paths.toStore)), (r) => deepMap(r, paths.toCms));
      }
      // A kind's folder (content/news) holds content/ar/news and content/en/news: list the
      // content folder one level deeper and keep that kind's files.
      const listing = (name) =>
        async function (folder, extension, depth, ...rest) {
          const kind = paths.kindOf(folder);
          if (!kind) return original[name](folder, extension, depth, ...rest);
          const list = original.allEntriesByFolder || original[name];
          // The backend's own helpers (its `request`) are wrapped too, so what comes back may
          // already be in Decap's layout: back to ours first (toStore leaves our paths as they
          // are), then keep this kind's files. Without this, every listing came back empty (the
          // collection lists, and the Awards relation field, which looks its options up here).
          const entries = deepMap(await list(layout.content, extension, depth + 1), paths.toStore);
          const kept = entries.filter((entry) => paths.isStoredKind(entry.file.path, kind));
          return deepMap(kept, paths.toCms);
        };
      if (original.entriesByFolder) impl.entriesByFolder = listing("entriesByFolder");
      if (original.allEntriesByFolder) {
        const all = listing("allEntriesByFolder");
        impl.allEntriesByFolder = async (folder, extension, depth, pathRegex) => {
          const entries = await all(folder, extension, depth);
          return pathRegex ? entries.filter((e) => pathRegex.test(e.file.path)) : entries;
        };
      }
      return impl;
    };
  }

  // -- Widgets -----------------------------------------------------------------------------
  function plain(value) {
    if (value && typeof value.toJS === "function") return value.toJS();
    return value;
  }

  function glossaryWidget(data) {
    return window.createClass({
      render() {
        const { field, forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
        const locale = this.props.locale || data.defaultLocale;
        const other = data.locales.find((l) => l !== locale) || locale;
        const terms = data.glossary[field.get("section")] || [];
        const dir = data.dirs[locale] || "auto";
        if (!field.get("multiple")) {
          const value = plain(this.props.value) || "";
          const options = [h("option", { key: "", value: "" }, "—")];
          const known = terms.some((t) => t[locale] === value);
          if (value && !known) options.push(h("option", { key: value, value }, value));
          for (const term of terms) {
            options.push(h("option", { key: term[locale], value: term[locale] }, `${term[locale]} — ${term[other]}`));
          }
          return h(
            "select",
            {
              id: forID,
              className: classNameWrapper,
              dir,
              lang: locale,
              value,
              onChange: (e) => this.props.onChange(e.target.value),
              onFocus: setActiveStyle,
              onBlur: setInactiveStyle,
            },
            options,
          );
        }
        const chosen = (plain(this.props.value) || []).map(String);
        const names = terms.map((t) => t[locale]);
        const extra = chosen.filter((name) => !names.includes(name));
        const toggle = (name, on) => {
          const next = chosen.filter((n) => n !== name);
          if (on) next.push(name);
          this.props.onChange(next);
        };
        const box = (name, label) =>
          h(
            "label",
            { key: name, className: "newsroom-choice" },
            h("input", {
              type: "checkbox",
              value: name,
              checked: chosen.includes(name),
              onChange: (e) => toggle(name, e.target.checked),
            }),
            " ",
            label,
          );
        return h(
          "div",
          { id: forID, className: classNameWrapper, dir, lang: locale, role: "group" },
          [...terms.map((t) => box(t[locale], `${t[locale]} — ${t[other]}`)), ...extra.map((n) => box(n, n))],
        );
      },
    });
  }

  // The web address: typed in English for a new entry (it becomes the file name), fixed after.
  function addressWidget(data) {
    const pattern = new RegExp(data.slugPattern);
    return window.createClass({
      fixedSlug() {
        const entry = this.props.entry;
        return entry && !entry.get("newRecord") ? entry.get("slug") : null;
      },
      isValid() {
        if (this.fixedSlug()) return true;
        const value = String(plain(this.props.value) || "");
        return pattern.test(value) ? true : { error: { message: data.text.slug } };
      },
      render() {
        const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
        const fixed = this.fixedSlug();
        return h("input", {
          type: "text",
          id: forID,
          className: classNameWrapper,
          dir: "ltr",
          lang: "en",
          spellCheck: false,
          autoComplete: "off",
          readOnly: !!fixed,
          value: fixed || plain(this.props.value) || "",
          onChange: (e) => this.props.onChange(e.target.value.trim().toLowerCase()),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
        });
      },
    });
  }

  // The image's description: required as soon as there is an image.
  function altWidget(data) {
    return window.createClass({
      isValid() {
        const entry = this.props.entry;
        const image = entry && entry.getIn(["data", data.imageField]);
        if (image && !String(plain(this.props.value) || "").trim()) {
          return { error: { message: data.text.alt } };
        }
        return true;
      },
      render() {
        const { forID, classNameWrapper, setActiveStyle, setInactiveStyle } = this.props;
        const locale = this.props.locale || data.defaultLocale;
        return h("input", {
          type: "text",
          id: forID,
          className: classNameWrapper,
          dir: data.dirs[locale] || "auto",
          lang: locale,
          value: plain(this.props.value) || "",
          onChange: (e) => this.props.onChange(e.target.value),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
        });
      },
    });
  }

  // -- Preview: the site's stylesheet, the language's direction -----------------------------
  function previewTemplate(data) {
    return window.createClass({
      render() {
        const entry = this.props.entry;
        const locale = data.defaultLocale;
        const title = entry.getIn(["data", "title"]) || "";
        return h(
          "div",
          { lang: locale, dir: data.dirs[locale] || "auto", className: "newsroom-preview" },
          h("main", { className: "page" }, h("article", { className: "article" }, h("h1", {}, title), this.props.widgetFor("body"))),
        );
      },
    });
  }

  // Text fields take the direction of what is typed in them (Arabic right to left).
  function autoDirection() {
    const mark = (root) => {
      for (const el of root.querySelectorAll("input[type=text]:not([dir]), textarea:not([dir]), [contenteditable=true]:not([dir])")) {
        el.setAttribute("dir", "auto");
      }
    };
    new MutationObserver(() => mark(document)).observe(document.body, { childList: true, subtree: true });
    mark(document);
  }

  // Right to left, a menu opens under its button from the button's right edge (admin.css). On a
  // narrow window it may then pass the window's left edge: it is moved back in, as Decap keeps
  // a menu inside the window's right edge in a left-to-right interface.
  function menusInWindow() {
    const MENU = '[class*="-DropdownList"]';
    const fit = (menu) => {
      const left = menu.getBoundingClientRect().left;
      if (left < 0) menu.style.insetInlineStart = `${Math.floor(left)}px`;
    };
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.nodeType !== Node.ELEMENT_NODE) continue;
          if (node.matches(MENU)) fit(node);
          node.querySelectorAll(MENU).forEach(fit);
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  // -- The interface's language -----------------------------------------------------------
  // The officer's own choice (the page's link: ?ui=en, then remembered in this browser) comes
  // first, then the EDITOR setting's UI_LOCALE when it names a language, then the browser's
  // preferred languages in order; English when none is one of ours.
  const CHOICE = "newsroom-editor-ui"; // localStorage key

  function remembered() {
    try {
      return window.localStorage.getItem(CHOICE);
    } catch (error) {
      return null; // storage turned off: the choice lasts as long as the address has ?ui=
    }
  }

  function remember(code) {
    try {
      window.localStorage.setItem(CHOICE, code);
      return true;
    } catch (error) {
      return false;
    }
  }

  function interfaceLanguage(ui) {
    const known = (code) => ui.languages.includes(code) && !!CMS.getLocale(code);
    const asked = new URLSearchParams(window.location.search).get("ui");
    if (known(asked)) {
      if (remember(asked)) {
        // Remembered: the address loses ?ui= (Decap's own routes are in the #fragment).
        window.history.replaceState(null, "", window.location.pathname + window.location.hash);
      }
      return asked;
    }
    const stored = remembered();
    if (known(stored)) return stored;
    if (known(ui.setting)) return ui.setting;
    for (const tag of window.navigator.languages || [window.navigator.language]) {
      const code = String(tag || "").toLowerCase().split("-")[0];
      if (known(code)) return code;
    }
    return "en";
  }

  // A path of ui.config's changes: ["collections", 0, "fields", 3, "label"].
  function setPath(target, path, value) {
    let node = target;
    for (const step of path.slice(0, -1)) node = node[step];
    node[path[path.length - 1]] = value;
  }

  // The link to the other language(s), outside Decap's own page (shown on every view).
  function languageSwitch(ui, current) {
    const nav = document.createElement("nav");
    nav.className = "newsroom-ui-switch";
    nav.setAttribute("aria-label", current === "ar" ? "لغة الواجهة" : "Interface language");
    for (const code of ui.languages.filter((c) => c !== current && CMS.getLocale(c))) {
      const link = document.createElement("a");
      link.href = `?ui=${code}`;
      link.lang = code;
      link.hreflang = code;
      link.dir = "auto";
      link.title = ui.titles[code] || "";
      link.textContent = ui.names[code] || code;
      // Keep the view the officer is on (Decap's route is the #fragment).
      link.addEventListener("click", () => {
        link.href = `?ui=${code}${window.location.hash}`;
      });
      nav.appendChild(link);
    }
    document.body.appendChild(nav);
  }

  async function start() {
    const response = await fetch("editor.json", { credentials: "same-origin" });
    const data = await response.json();
    CMS.registerCustomFormat("newsroom", "md", makeFormat(data.keys));
    for (const [name, base] of Object.entries(data.backends)) {
      CMS.registerBackend(name, mappedBackend(base, data.layout));
    }
    // The interface's language: Decap's phrases, and our labels, hints and messages.
    const ui = interfaceLanguage(data.ui);
    const config = JSON.parse(JSON.stringify(data.config));
    for (const [path, value] of data.ui.config[ui] || []) setPath(config, path, value);
    config.locale = ui;
    data.text = data.ui.messages[ui] || data.ui.messages.en;
    // The whole page takes the interface's direction (Arabic right to left) before Decap draws
    // anything; admin.css mirrors what Decap lays out with physical left and right.
    document.documentElement.lang = ui;
    document.documentElement.dir = data.dirs[ui] || "ltr";
    if (document.documentElement.dir === "rtl") menusInWindow();
    languageSwitch(data.ui, ui);
    CMS.registerWidget("newsroom-glossary", glossaryWidget(data));
    CMS.registerWidget("newsroom-address", addressWidget(data));
    CMS.registerWidget("newsroom-alt", altWidget(data));
    if (data.previewStyle) CMS.registerPreviewStyle(data.previewStyle);
    for (const kind of data.layout.kinds) CMS.registerPreviewTemplate(kind, previewTemplate(data));
    autoDirection();
    CMS.init({ config });
  }

  start();
})();
