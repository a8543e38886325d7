/* creditgen offline search: reads window.CREDITGEN_SEARCH, the list of the
   index's parts (search-index.js for units and scoring rows, and one
   search-index-YYYY-MM.js per month; a bundle's report has one part), and
   works from file:// and over http. The search page names the parts in
   data-index-parts; they are loaded one after another (a province's index is
   tens of megabytes), newest month first, and results grow as each arrives. Terms are split exactly as the build
   splits them (render/search_index.cc): CJK character bigrams, a lone
   character by itself, whole ASCII words and numbers. */
(function () {
  'use strict';

  function isAsciiWordChar(c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
  function isWideWordChar(cp) {
    if (cp < 0x80) return false;
    if (cp >= 0x3000 && cp <= 0x303F) return false;
    if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
    if (cp >= 0x2000 && cp <= 0x206F) return false;
    return true;
  }
  function normalise(text) {
    return text.normalize('NFKC').trim().replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
  }
  function terms(text) {
    var chars = Array.from(normalise(text)), out = [], seen = {}, i = 0;
    function add(t) { if (t && !seen[t]) { seen[t] = true; out.push(t); } }
    while (i < chars.length) {
      var c = chars[i];
      if (isAsciiWordChar(c)) {
        var word = '';
        while (i < chars.length && isAsciiWordChar(chars[i])) word += chars[i++];
        add(word);
      } else if (isWideWordChar(c.codePointAt(0))) {
        var start = i;
        while (i < chars.length && isWideWordChar(chars[i].codePointAt(0))) i++;
        if (i - start === 1) add(chars[start]);
        for (var k = start; k + 1 < i; k++) add(chars[k] + chars[k + 1]);
      } else {
        i++;
      }
    }
    return out;
  }
  function postings(encoded) {
    var ids = [], previous = 0;
    encoded.split(',').forEach(function (p) { previous += parseInt(p, 36); ids.push(previous); });
    return ids;
  }
  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) i++; else j++;
    }
    return out;
  }

  // The documents of one part holding every term; document numbers are
  // the part's own.
  function matches(part, ts) {
    var ids = null;
    for (var t = 0; t < ts.length; t++) {
      var p = Object.prototype.hasOwnProperty.call(part.terms, ts[t]) ? part.terms[ts[t]] : null;
      if (!p) return [];
      ids = ids === null ? postings(p) : intersect(ids, postings(p));
    }
    return ids.map(function (id) { return part.docs[id]; });
  }

  function search(query) {
    var parts = window.CREDITGEN_SEARCH;
    var ts = terms(query);
    if (!parts || !ts.length) return [];
    var docs = [];
    parts.forEach(function (part) { docs = docs.concat(matches(part, ts)); });
    var q = normalise(query);
    var results = docs.map(function (d) {
      var title = normalise(d[0]), text = normalise(d[6]);
      var score = 0;
      if (title.indexOf(q) >= 0) score += 100;
      if (text.indexOf(q) >= 0) score += 20;
      if (d[4] === '信用动态' || d[4] === '诚信宣传活动') score += 5;
      return { doc: d, score: score };
    });
    results.sort(function (a, b) {
      if (b.score !== a.score) return b.score - a.score;
      if (a.doc[2] !== b.doc[2]) return a.doc[2] < b.doc[2] ? 1 : -1;  // newer months first
      return a.doc[0] < b.doc[0] ? -1 : a.doc[0] > b.doc[0] ? 1 : 0;
    });
    return results;
  }

  // The text normalised as queries are (NFKC, ASCII lower case), character
  // by character, with where each normalised unit came from: NFKC may change
  // lengths ("……" becomes "......"), so matches are mapped back before marking.
  function normalisedWithMap(text) {
    var out = '', from = [], offset = 0;
    Array.from(text).forEach(function (ch) {
      var n = ch.normalize('NFKC').replace(/[A-Z]/g, function (c) { return c.toLowerCase(); });
      for (var k = 0; k < n.length; k++) from.push(offset);
      out += n;
      offset += ch.length;
    });
    from.push(offset);
    return { text: out, from: from };
  }

  // Text with every occurrence of the query wrapped in <mark>, built as DOM
  // nodes (never innerHTML), so content can never become markup.
  function highlighted(text, query) {
    var fragment = document.createDocumentFragment();
    var mapped = normalisedWithMap(text), needle = normalise(query);
    var at = 0, searchFrom = 0;
    if (needle) {
      for (var hit = mapped.text.indexOf(needle); hit >= 0; hit = mapped.text.indexOf(needle, searchFrom)) {
        var start = mapped.from[hit], end = mapped.from[hit + needle.length];
        fragment.appendChild(document.createTextNode(text.slice(at, start)));
        var mark = document.createElement('mark');
        mark.textContent = text.slice(start, end);
        fragment.appendChild(mark);
        at = end;
        searchFrom = hit + needle.length;
      }
    }
    fragment.appendChild(document.createTextNode(text.slice(at)));
    return fragment;
  }
  function snippet(text, query) {
    var mapped = normalisedWithMap(text);
    var found = mapped.text.indexOf(normalise(query));
    if (found < 0) return text.slice(0, 80) + (text.length > 80 ? '……' : '');
    var hit = mapped.from[found];
    var start = Math.max(0, hit - 30);
    return (start > 0 ? '……' : '') + text.slice(start, hit + 60) + (hit + 60 < text.length ? '……' : '');
  }

  // What the summary adds while parts are still loading or after some failed.
  function loadingNote(state) {
    if (!state) return '';
    var note = '';
    if (state.loaded + state.failed < state.total)
      note = '检索数据载入中（' + (state.loaded + state.failed) + '/' + state.total + '），结果将陆续增加';
    if (state.failed) note += (note ? '；' : '') + state.failed + ' 个检索数据文件未能载入，结果可能不全';
    return note;
  }

  function show(query, list, summary, state) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var results = search(query);
    var note = loadingNote(state);
    summary.textContent = query
      ? '“' + query + '”' + (note ? '已找到 ' : '共找到 ') + results.length + ' 条结果' + (note ? '（' + note + '）' : '')
      : '请输入要查找的词语，例如单位名称、标题中的词或文号。' + (note ? note + '。' : '');
    results.slice(0, 200).forEach(function (r) {
      var d = r.doc, li = document.createElement('li'), a = document.createElement('a');
      a.href = d[1];
      a.appendChild(highlighted(d[0], query));
      var heading = document.createElement('p');
      heading.className = 'search-title';
      heading.appendChild(a);
      var meta = document.createElement('p');
      meta.className = 'search-meta';
      meta.textContent = [d[2], d[3], d[4]].filter(Boolean).join(' · ');
      if (d[5]) {
        var status = document.createElement('span');
        status.className = 'search-status status-' + (d[5] === '已退回' ? 'rejected' : d[5] === '已采纳' ? 'accepted' : 'other');
        status.textContent = d[5];
        meta.appendChild(document.createTextNode(' · '));
        meta.appendChild(status);
      }
      var text = document.createElement('p');
      text.className = 'search-snippet';
      text.appendChild(highlighted(snippet(d[6], query), query));
      li.appendChild(heading);
      li.appendChild(meta);
      li.appendChild(text);
      list.appendChild(li);
    });
  }

  function init() {
    // The search page: results for ?q=… and live results while typing.
    var list = document.getElementById('search-results');
    var input = document.getElementById('search-page-input');
    var summary = document.getElementById('search-summary');
    var page = document.getElementById('search-page');
    if (list && input && summary && page) {
      var q = new URLSearchParams(window.location.search).get('q') || '';
      input.value = q;
      var parts = (page.getAttribute('data-index-parts') || '').split(' ').filter(Boolean);
      var state = { total: parts.length, loaded: 0, failed: 0 };
      var refresh = function () { show(input.value, list, summary, state); };
      input.addEventListener('input', refresh);
      refresh();
      // One part at a time, in the page's order; each a plain script (works
      // from file://, where fetch does not).
      var next = function (i) {
        if (i >= parts.length) {
          page.setAttribute('data-index-state', state.failed ? 'incomplete' : 'loaded');
          refresh();
          return;
        }
        var script = document.createElement('script');
        script.src = parts[i];
        script.onload = function () { state.loaded++; refresh(); next(i + 1); };
        script.onerror = function () { state.failed++; refresh(); next(i + 1); };
        document.head.appendChild(script);
      };
      page.setAttribute('data-index-state', 'loading');
      next(0);
    }
    // The box in every page's header goes to the search page.
    var forms = document.querySelectorAll('form.site-search');
    Array.prototype.forEach.call(forms, function (form) {
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var field = form.querySelector('input');
        var page = form.getAttribute('data-search-page') || 'search.html';
        window.location.href = page + '?q=' + encodeURIComponent(field ? field.value : '');
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
  window.creditgenSearch = { terms: terms, search: search };
})();
