function (settings) {
  /* The commitments table's search: the same answer as dialoguelib's search (query/search.py): every
     term a whole word or "quoted phrase" of the quote, case, accents and curly quotes folded; the
     matches marked in the quotes shown. DataTables' own search (substrings of every column) is
     replaced. tests/test_search_surfaces.py holds this to ds.search on the same queries. Installed at
     the table's first draw (a drawCallback: itables keeps initComplete for itself), then it marks the
     quotes of every page drawn. */
  var api = this.api();
  if (settings._dlxMark) { settings._dlxMark(); return; }
  /* on a phone each row is a card (render/styles.py): every cell labelled with its column's name */
  var LABELS = api.columns(":visible").header().toArray().map(function (th) { return th.textContent.trim(); });
  var QUOTE = api.columns().count() - 1;  /* the quote is the last column */
  var WORD = "[\\p{L}\\p{N}_]";
  function fold(text) {
    return String(text).replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\u00a0/g, " ")
      .toLowerCase().replace(/\u00df/g, "ss").normalize("NFKD").replace(/\p{M}/gu, "");
  }
  function terms(query) {
    var out = [], re = /"([^"]+)"|(\S+)/g, m;
    var folded = fold(query);
    while ((m = re.exec(folded)) !== null) {
      var t = (m[1] || m[2]).split(/\s+/).filter(Boolean).join(" ").replace(/^["']+|["']+$/g, "");
      if (t && out.indexOf(t) < 0) { out.push(t); }
    }
    return out;
  }
  function pattern(term) {
    var body = term.split(" ").map(function (w) { return w.replace(/[.*+?^${}()|[\]\\\/]/g, "\\$&"); }).join("\\s+");
    return new RegExp("(?<!" + WORD + ")" + body + "(?!" + WORD + ")", "gu");
  }
  var box = document.createElement("textarea");
  function plain(html) { box.innerHTML = String(html).replace(/<[^>]*>/g, ""); return box.value; }
  var folded = {};
  function quoteOf(row, data) {
    if (!(row in folded)) { folded[row] = fold(plain(data[QUOTE])).split(/\s+/).filter(Boolean).join(" "); }
    return folded[row];
  }
  var current = [];
  function matches(row, data) {
    var text = quoteOf(row, data);
    return current.every(function (t) { var re = pattern(t); return re.test(text); });
  }
  /* where the terms occur in the text shown, in its own offsets (the folded text mapped back) */
  function spans(text) {
    var out = "", starts = [], ends = [], pos = 0;
    Array.from(text).forEach(function (ch) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) { starts.push(pos); ends.push(pos + ch.length); }
      out += f; pos += ch.length;
    });
    var found = [];
    current.forEach(function (t) {
      var re = pattern(t), m;
      while ((m = re.exec(out)) !== null) {
        if (!m[0].length) { re.lastIndex++; continue; }
        found.push([starts[m.index], ends[m.index + m[0].length - 1]]);
      }
    });
    found.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    found.forEach(function (s) { if (merged.length && s[0] <= merged[merged.length - 1][1]) { merged[merged.length - 1][1] = Math.max(s[1], merged[merged.length - 1][1]); } else { merged.push(s.slice()); } });
    return merged;
  }
  function mark(node) {
    if (node.dataset.dlxShown === undefined) { node.dataset.dlxShown = node.innerHTML; }
    node.innerHTML = node.dataset.dlxShown;
    if (!current.length) { return; }
    var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT), texts = [];
    while (walker.nextNode()) { texts.push(walker.currentNode); }
    texts.forEach(function (t) {
      var s = spans(t.nodeValue);
      if (!s.length) { return; }
      var frag = document.createDocumentFragment(), at = 0;
      s.forEach(function (sp) {
        frag.appendChild(document.createTextNode(t.nodeValue.slice(at, sp[0])));
        var m = document.createElement("mark"); m.className = "dlx-hit"; m.textContent = t.nodeValue.slice(sp[0], sp[1]);
        frag.appendChild(m); at = sp[1];
      });
      frag.appendChild(document.createTextNode(t.nodeValue.slice(at)));
      t.parentNode.replaceChild(frag, t);
    });
  }
  api.search.fixed("dialoguelib", function (searchString, data, index) { return !current.length || matches(index, data); });
  settings._dlxMark = function () {
    api.rows({page: "current"}).nodes().each(function (row) {
      row.querySelectorAll("td").forEach(function (td, i) { td.setAttribute("data-label", LABELS[i] || ""); });
    });
    api.cells(null, QUOTE, {page: "current"}).nodes().each(function (n) { if (n) { mark(n); } });
  };
  var container = api.table().container();
  var input = container.querySelector("div.dt-search input");
  if (input) {
    var fresh = input.cloneNode(true);
    fresh.value = "";
    input.parentNode.replaceChild(fresh, input);
    fresh.setAttribute("placeholder", "whole words, \"phrases\"");
    fresh.addEventListener("input", function () { current = terms(fresh.value); api.draw(); });
  }
  settings._dlxMark();
}
