/*
 * The shopsense dashboard: one request per panel to this origin's API, charts drawn here as SVG, no third-party code.
 * Every value from the API is inserted as text (never as HTML). Elements carrying numbers have data-k="panel.name"
 * so the browser test can compare what is shown with what the API answers. The page speaks English or Simplified
 * Chinese (messages.js, keyed by the English text), chosen by the browser's languages or the switch in the header,
 * and shows money in the shop's currency and times in the shop's time zone, both of which every API answer carries.
 */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var TOKEN_KEY = 'shopsense.token';
  var LANG_KEY = 'shopsense.lang';
  var LANGUAGES = ['en', 'zh-CN'];
  var MESSAGES = window.SHOPSENSE_MESSAGES || {};
  var ID = /^[A-Za-z0-9._:@-]{1,128}$/;
  var token = null;
  var lang = 'en';
  var shop = { currency: null, timeZone: 'UTC' };

  // ------------------------------------------------------------------ the owner's language

  /** The switch's choice if one was made in this browser, else the first of the browser's languages we speak. */
  function chooseLanguage() {
    var chosen = localStorage.getItem(LANG_KEY);
    if (LANGUAGES.indexOf(chosen) >= 0) return chosen;
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < wanted.length; i++) {
      var tag = String(wanted[i] || '').toLowerCase();
      if (tag.indexOf('zh') === 0) return 'zh-CN'; // Traditional-script readers get Simplified, not English
      if (tag.indexOf('en') === 0) return 'en';
    }
    return 'en';
  }

  /** The page's words in its language: the English text is the key; {name} is filled from params. */
  function t(text, params) {
    var table = MESSAGES[lang];
    var out = (table && table[text]) || text;
    return params ? out.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole;
    }) : out;
  }

  /** A segment by both names in Chinese (the English one is what the API and exports use), by its name in English. */
  function segmentName(segment) {
    var table = MESSAGES[lang];
    var local = table && table['segment: ' + segment];
    return local ? local + ' ' + segment : segment;
  }

  function locale() { return lang === 'zh-CN' ? 'zh-CN' : 'en-GB'; }

  // ------------------------------------------------------------------ small DOM helpers

  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAll(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function svg(tag, attrs) {
    var node = document.createElementNS(SVG_NS, tag);
    setAll(node, attrs);
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function setAll(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined || value === false) return;
      if (name === 'text') node.textContent = String(value);
      else node.setAttribute(name, String(value));
    });
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }

  function int(n) { return Math.round(Number(n)).toLocaleString(locale()); }

  function num(n, digits) {
    return Number(n).toLocaleString(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  /** An amount in the shop's currency (¥, £, €, $ …) as the page's language writes it. */
  function money(n) {
    if (!shop.currency) return num(n, 2);
    try {
      return Number(n).toLocaleString(locale(), { style: 'currency', currency: shop.currency });
    } catch (unknownCurrency) {
      return num(n, 2) + ' ' + shop.currency;
    }
  }

  function signed(n) { return (n > 0 ? '+' : n < 0 ? '\u2212' : '\u00b1') + int(Math.abs(n)); }

  /** A moment in the shop's time zone, to the minute, with the zone's short name. */
  function when(iso) {
    if (!iso) return t('never');
    var d = new Date(iso);
    if (isNaN(d)) return String(iso);
    try {
      return new Intl.DateTimeFormat(locale(), { timeZone: shop.timeZone, year: 'numeric', month: '2-digit',
        day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }).format(d);
    } catch (unknownZone) {
      return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
    }
  }

  function figure(label, value, key) {
    return el('div', { class: 'figure' }, el('div', { class: 'value', 'data-k': key, text: value }),
      el('div', { class: 'label', text: label }));
  }

  function keyPart(text) { return String(text).replace(/[^A-Za-z0-9_-]+/g, '_'); }

  // ------------------------------------------------------------------ charts

  /** Horizontal bars: rows of {label, value, text, key, cls, note, noteCls, noteKey}. */
  function barChart(rows, opts) {
    opts = opts || {};
    var labelW = opts.labelWidth || 130, barW = 220, rowH = 22, width = labelW + barW + 120;
    var max = Math.max.apply(null, rows.map(function (r) { return r.value; }).concat([0])) || 1;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + (rows.length * rowH + 4), role: 'img',
      'aria-label': opts.title || t('bar chart') });
    rows.forEach(function (r, i) {
      var y = i * rowH + 2, w = Math.max(r.value > 0 ? 1 : 0, (r.value / max) * barW);
      chart.appendChild(svg('text', { x: labelW - 6, y: y + 15, 'text-anchor': 'end', text: r.label }));
      chart.appendChild(svg('rect', { x: labelW, y: y + 3, width: w, height: rowH - 6,
        class: 'bar ' + (r.cls || '') }, svg('title', { text: r.label + ': ' + r.text })));
      chart.appendChild(svg('text', { x: labelW + w + 5, y: y + 15, 'data-k': r.key, text: r.text }));
      if (r.note !== undefined) {
        chart.appendChild(svg('text', { x: width - 4, y: y + 15, 'text-anchor': 'end', class: r.noteCls || 'axis',
          'data-k': r.noteKey, text: r.note }));
      }
    });
    return chart;
  }

  /** Vertical bars over bins: labels[i] under counts[i]. */
  function histogram(labels, counts, keyPrefix, title) {
    var n = counts.length, colW = 44, h = 120, top = 16, width = n * colW;
    var max = Math.max.apply(null, counts.concat([0])) || 1;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + (h + top + 30), role: 'img', 'aria-label': title });
    counts.forEach(function (c, i) {
      var bh = (c / max) * h, x = i * colW;
      chart.appendChild(svg('rect', { x: x + 4, y: top + h - bh, width: colW - 8, height: bh, class: 'bar' },
        svg('title', { text: labels[i] + ': ' + int(c) })));
      chart.appendChild(svg('text', { x: x + colW / 2, y: top + h - bh - 4, 'text-anchor': 'middle',
        'data-k': keyPrefix + '.' + i, text: int(c) }));
      chart.appendChild(svg('text', { x: x + colW / 2, y: top + h + 14, 'text-anchor': 'middle', class: 'axis',
        text: labels[i] }));
    });
    chart.appendChild(svg('line', { x1: 0, x2: width, y1: top + h, y2: top + h, stroke: '#8aa1ad' }));
    return chart;
  }

  /** Channel x hour heat map of budgets (a row per audience x channel for a targeted plan), darker is more. */
  function heatMap(allocations) {
    var channels = [], byCell = {}, max = 0;
    allocations.forEach(function (a) {
      var row = a.audience ? a.audience + ' \u00b7 ' + a.channel : a.channel;
      if (channels.indexOf(row) < 0) channels.push(row);
      byCell[row + '|' + a.hour] = a;
      max = Math.max(max, a.budget);
    });
    channels.sort();
    var longest = channels.reduce(function (n, c) { return Math.max(n, c.length); }, 0);
    var labelW = Math.max(84, 7 * longest), cell = 24, top = 18, width = labelW + 24 * cell;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + (top + channels.length * cell + 4), role: 'img',
      class: 'heat', 'aria-label': t('budget by channel and hour') });
    for (var h = 0; h < 24; h += 3) {
      chart.appendChild(svg('text', { x: labelW + h * cell + cell / 2, y: 12, 'text-anchor': 'middle',
        class: 'axis', text: (h < 10 ? '0' : '') + h + 'h' }));
    }
    channels.forEach(function (channel, row) {
      var y = top + row * cell;
      chart.appendChild(svg('text', { x: labelW - 6, y: y + cell / 2 + 4, 'text-anchor': 'end', text: channel }));
      for (var hour = 0; hour < 24; hour++) {
        var a = byCell[channel + '|' + hour];
        var budget = a ? a.budget : 0;
        var depth = max > 0 ? budget / max : 0;
        var fill = budget > 0 ? 'rgb(' + Math.round(236 - 221 * depth) + ',' + Math.round(246 - 122 * depth) + ','
          + Math.round(245 - 129 * depth) + ')' : '#f4f6f7';
        chart.appendChild(svg('rect', { x: labelW + hour * cell + 1, y: y + 1, width: cell - 2, height: cell - 2,
          rx: 3, fill: fill, 'data-k': 'ads.cell.' + keyPart(channel) + '.' + hour, 'data-budget': budget },
          svg('title', { text: t('{channel} {hour}:00 \u2014 budget {budget}', { channel: channel, hour: hour,
            budget: money(budget) }) + (a ? t(', expected conversions {n}', { n: num(a.expectedConversions, 2) })
            : '') })));
      }
    });
    return chart;
  }

  /** A 95% interval on a line, the mean as a dot above its value, the bounds beside the line's ends. */
  function intervalChart(mean, low, high, key) {
    var width = 360, spread = Math.max(high - low, Math.abs(mean) * 0.05, 1e-9);
    var from = Math.max(0, low - spread), to = high + spread;
    function x(v) { return 70 + ((v - from) / (to - from)) * (width - 140); }
    return svg('svg', { viewBox: '0 0 ' + width + ' 48', class: 'interval', role: 'img',
      'aria-label': t('expected conversions with the 95% interval') },
      svg('line', { x1: x(low), x2: x(high), y1: 34, y2: 34, stroke: '#0f7c74', 'stroke-width': 6,
        'stroke-linecap': 'round', opacity: 0.35 }),
      svg('circle', { cx: x(mean), cy: 34, r: 6, fill: '#0f7c74' }),
      svg('text', { x: x(low) - 10, y: 38, 'text-anchor': 'end', class: 'axis', 'data-k': key + 'Low',
        text: num(low, 1) }),
      svg('text', { x: x(mean), y: 18, 'text-anchor': 'middle', text: num(mean, 1) }),
      svg('text', { x: x(high) + 10, y: 38, 'text-anchor': 'start', class: 'axis', 'data-k': key + 'High',
        text: num(high, 1) }));
  }

  /** Headers are English (translated here); on a phone each row stacks, its cells labelled by data-label. */
  function table(headers, rows) {
    return el('div', { class: 'scroll' }, el('table', null,
      el('thead', null, el('tr', null, headers.map(function (h) {
        return el('th', { class: h.num ? 'num' : null, text: t(h.label) });
      }))),
      el('tbody', null, rows.map(function (cells) {
        return el('tr', null, cells.map(function (c, i) {
          return el('td', { class: headers[i].num ? 'num' : null, 'data-label': t(headers[i].label),
            'data-k': c && c.key, text: c && c.key ? c.text : c });
        }));
      }))));
  }

  // ------------------------------------------------------------------ API

  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (response.status === 401) {
            signOut(t('The API refused the token. Paste it again.'));
            throw new Error(t('the API refused the token'));
          }
          if (response.status === 403) {
            // A storefront token: the dashboard needs the back office's (scope admin).
            signOut(t('This token may not read the dashboard: paste a back-office (admin) token.'));
            throw new Error(t('the token lacks the admin scope'));
          }
          if (!response.ok) {
            throw new Error((body && body.message) || t('the API answered {status}', { status: response.status }));
          }
          if (body && body.shop) shop = body.shop;
          return body;
        });
      });
  }

  /** Loads one panel with one request; an empty shop gets the panel's next step. */
  function load(id, path, render) {
    var panel = document.getElementById(id);
    var body = panel.querySelector('.body');
    panel.setAttribute('data-state', 'loading');
    return api(path).then(function (data) {
      body.textContent = '';
      if (!data.ready) {
        append(body, el('p', { class: 'next', 'data-k': id + '.next', text: t(data.next) }));
        panel.setAttribute('data-state', 'empty');
        return;
      }
      append(body, render(data));
      panel.setAttribute('data-state', 'ready');
    }).catch(function (failure) {
      body.textContent = '';
      append(body, el('p', { class: 'error', text: t('Could not load this panel: {why}', { why: failure.message }) }));
      panel.setAttribute('data-state', 'error');
    });
  }

  // ------------------------------------------------------------------ panels

  function profiles(d) {
    var segments = Object.keys(d.segments);
    var clvEdges = d.clv.edges, churnEdges = d.churn.edges;
    function short(n) { return n >= 1000 ? (n / 1000) + 'k' : String(n); }
    var clvLabels = clvEdges.map(function (e, i) {
      return i + 1 < clvEdges.length ? short(e) + '\u2013' + short(clvEdges[i + 1]) : short(e) + '+';
    });
    var churnLabels = churnEdges.map(function (e, i) {
      return Math.round(e * 100) + '\u2013' + Math.round((i + 1 < churnEdges.length ? churnEdges[i + 1] : 1) * 100);
    });
    return [
      el('div', { class: 'figures' },
        figure(t('customers'), int(d.customers), 'profiles.customers'),
        figure(t('with a purchase'), int(d.buyers), 'profiles.buyers'),
        figure(t('as of'), d.asOf, 'profiles.asOf')),
      el('h3', { text: d.movement.since ? t('By segment (change since the rebuild of {date})', { date: d.movement.since })
        : t('By segment (first rebuild: no change to show yet)') }),
      barChart(segments.map(function (s) {
        var change = d.movement.change[s] || 0;
        return { label: segmentName(s), value: d.segments[s], text: int(d.segments[s]),
          key: 'profiles.segment.' + keyPart(s), note: d.movement.since ? signed(change) : '',
          noteCls: change > 0 ? 'up' : change < 0 ? 'down' : 'axis', noteKey: 'profiles.move.' + keyPart(s) };
      }), { title: t('customers by segment'), labelWidth: lang === 'zh-CN' ? 190 : 130 }),
      el('h3', { text: t('12-month value (CLV, {currency}) of customers with a purchase',
        { currency: shop.currency || '?' }) }),
      histogram(clvLabels, d.clv.counts, 'profiles.clv', t('CLV distribution')),
      el('p', { class: 'muted' }, t('median') + ' ',
        el('span', { 'data-k': 'profiles.clv.median', text: money(d.clv.median) }),
        t(', mean') + ' ', el('span', { 'data-k': 'profiles.clv.mean', text: money(d.clv.mean) })),
      el('h3', { text: t('Chance of no purchase in the next 90 days (churn, %)') }),
      histogram(churnLabels, d.churn.counts, 'profiles.churn', t('churn distribution')),
      el('p', { class: 'muted' }, t('mean churn') + ' ',
        el('span', { 'data-k': 'profiles.churn.mean', text: num(d.churn.mean * 100, 1) + '%' }))
    ];
  }

  function health(d) {
    var tot = d.totals;
    var reasons = Object.keys(tot.rejectsByReason).sort(function (a, b) {
      return tot.rejectsByReason[b] - tot.rejectsByReason[a];
    });
    return [
      el('div', { class: 'figures' },
        figure(t('uploads'), int(tot.uploads), 'health.uploads'),
        figure(t('rows in'), int(tot.rowsIn), 'health.rowsIn'),
        figure(t('clean'), int(tot.rowsClean), 'health.rowsClean'),
        figure(t('rejected'), int(tot.rowsRejected), 'health.rowsRejected'),
        figure(t('failed uploads'), int(tot.failedUploads), 'health.failedUploads')),
      tot.uploadsShown < tot.uploads ? el('p', { class: 'muted', text: t('Rows counted over the newest {n} uploads.',
        { n: tot.uploadsShown }) }) : null,
      el('h3', { text: t('Rejected rows by reason') }),
      reasons.length ? barChart(reasons.map(function (r) {
        return { label: r, value: tot.rejectsByReason[r], text: int(tot.rejectsByReason[r]),
          key: 'health.reject.' + keyPart(r), cls: 'base' };
      }), { labelWidth: 160, title: t('rejected rows by reason') }) : el('p', { class: 'muted', text: t('None.') }),
      el('h3', { text: t('Newest uploads') }),
      table([{ label: 'file' }, { label: 'when' }, { label: 'format' }, { label: 'status' },
        { label: 'rows', num: true }, { label: 'clean', num: true }, { label: 'rejected', num: true }],
      d.uploads.slice(0, 8).map(function (u) {
        return [(u.input || u.sourceId).replace(/^raw\//, ''), when(u.at), u.format || '?',
          u.status + (u.errorCode ? ' (' + u.errorCode + ')' : ''), int(u.rowsIn), int(u.rowsClean),
          int(u.rowsRejected)];
      })),
      el('h3', { text: t('Last run of each function') }),
      table([{ label: 'function' }, { label: 'last output' }, { label: 'from' }], d.lastRuns.map(function (r) {
        return [r.function, r.at ? when(r.at) : '\u2014', t(r.source)];
      })),
      el('h3', { text: t('Last outcome of each function') }),
      d.operations && d.operations.available
        ? table([{ label: 'function' }, { label: 'when' }, { label: 'outcome' }, { label: 'decision' }],
          d.operations.functions.map(function (f) {
            return [f.function, f.timestamp ? when(f.timestamp) : '\u2014', f.outcome || '?', f.decision || ''];
          }))
        : el('p', { class: 'muted', 'data-k': 'health.operations', text: d.operations ? t(d.operations.note) : '' }),
      el('h3', { text: t('Failed invocations (dead-letter queue)') }),
      d.deadLetters.readable
        ? el('p', { class: d.deadLetters.count > 0 ? 'warn' : 'muted', 'data-k': 'health.deadLetters',
          text: t('{n} event(s) in the local dead-letter queue (.shopsense/dead-letters.jsonl): asynchronous'
            + ' invocations that failed three times.', { n: int(d.deadLetters.count) }) })
        : el('p', { class: 'muted', 'data-k': 'health.deadLetters', text: t(d.deadLetters.note) })
    ];
  }

  function recommendations(d) {
    var results = (d.results || []).slice().sort(function (a, b) { return b.ndcgAt10 - a.ndcgAt10; });
    var chosen = d.chosen ? d.chosen.algorithm : d.algorithm;
    return [
      el('div', { class: 'figures' },
        figure(t('model in use'), d.algorithm, 'recs.algorithm'),
        d.chosen ? figure(t('its nDCG@10'), num(d.chosen.ndcgAt10, 4), 'recs.chosen.ndcg') : null,
        d.popularity ? figure(t('popularity\'s nDCG@10'), num(d.popularity.ndcgAt10, 4), 'recs.popularity.ndcg')
          : null,
        d.ndcgLiftOverPopularity ? figure(t('vs popularity'), '\u00d7' + num(d.ndcgLiftOverPopularity, 2),
          'recs.lift') : null),
      el('p', { class: 'muted', text: t('Built {when} for {users} customers and {items} items.', { when: when(d.builtAt),
        users: int(d.users), items: int(d.items) }) + (d.chosenBy ? ' ' + d.chosenBy + '.' : '') }),
      el('h3', { text: t('Offline figures on the hold-out (nDCG@10)') }),
      results.length ? barChart(results.map(function (r) {
        return { label: r.algorithm + (r.algorithm === chosen ? ' \u2713' : ''), value: r.ndcgAt10,
          text: num(r.ndcgAt10, 4), key: 'recs.ndcg.' + keyPart(r.algorithm),
          cls: r.algorithm === 'popularity' ? 'base' : '' };
      }), { title: t('nDCG@10 by algorithm') }) : el('p', { class: 'muted', text: t('No hold-out figures.') }),
      results.length ? table([{ label: 'algorithm' }, { label: 'recall@20', num: true },
        { label: 'precision@10', num: true }, { label: 'coverage', num: true }, { label: 'customers', num: true }],
      results.map(function (r) {
        return [r.algorithm, num(r.recallAt20, 4), num(r.precisionAt10, 4), num(r.coverage * 100, 1) + '%',
          int(r.users)];
      })) : null
    ];
  }

  function ads(d) {
    var r = d.report, c = r.expected.conversions, rev = r.expected.revenue;
    var cells = (r.changes && r.changes.cells) || [];
    var biggest = cells.slice().sort(function (a, b) {
      return Math.abs(b.budget - b.previousBudget) - Math.abs(a.budget - a.previousBudget);
    }).slice(0, 8);
    var picker = null;
    if (d.campaigns.length > 1) {
      picker = el('select', { 'aria-label': t('campaign') }, d.campaigns.map(function (name) {
        return el('option', { value: name, selected: name === r.campaignId ? 'selected' : null, text: name });
      }));
      picker.addEventListener('change', function () {
        load('panel-ads', '/dashboard/ads?campaign=' + encodeURIComponent(picker.value), ads);
      });
    }
    return [
      el('div', { class: 'figures' },
        figure(t('plan for'), r.date, 'ads.date'),
        figure(t('campaign'), r.campaignId, 'ads.campaign'),
        figure(t('budget'), money(r.budget), 'ads.budget'),
        figure(t('expected conversions'), num(c.mean, 1), 'ads.conversions'),
        figure(t('expected revenue'), money(rev.mean), 'ads.revenue')),
      picker,
      el('h3', { text: t('Budget by channel and hour of the shop\'s day ({zone}; darker is more)',
        { zone: shop.timeZone }) }),
      heatMap(r.allocations),
      el('h3', { text: t('Conversions: expected, with the 95% interval') }),
      intervalChart(c.mean, c.low95, c.high95, 'ads.conversions'),
      el('h3', { text: r.changes && r.changes.since ? t('Biggest changes from the plan of {date}',
        { date: r.changes.since }) : t('Changes: this is the campaign\'s first plan') }),
      r.changes && r.changes.since ? (biggest.length ? table([{ label: 'channel' }, { label: 'hour', num: true },
        { label: 'before', num: true }, { label: 'now', num: true }, { label: 'why' }],
      biggest.map(function (x) {
        return [x.channel, String(x.hour), money(x.previousBudget), money(x.budget), x.reason];
      })) : el('p', { class: 'muted', text: t('No cell moved by more than 5%.') })) : null,
      el('p', { class: 'muted', 'data-k': 'ads.changes', text: t('{n} cells changed.', { n: cells.length }) }),
      (r.notes || []).length ? el('ul', null, r.notes.map(function (n) { return el('li', { text: n }); })) : null
    ];
  }

  function assistant(d) {
    return [
      el('p', { class: 'muted', text: t('Most asked in the last {days} days without an answer. Add their answers to'
        + ' raw/faq/faq.md and the assistant answers them from then on.', { days: d.days }) }),
      table([{ label: 'question' }, { label: 'asked', num: true }], d.questions.map(function (q, i) {
        return [{ key: 'assistant.question.' + i, text: q.question }, { key: 'assistant.count.' + i, text: int(q.count) }];
      }))
    ];
  }

  // Reviews (issue #17): the worst Bayesian averages, demoted items marked, with their low reviews' words.
  function reviews(d) {
    return [
      el('div', { class: 'figures' },
        figure(t('reviews'), int(d.reviews), 'reviews.count'),
        figure(t('shop average'), num(d.shopMean, 2) + ' \u2605', 'reviews.shopMean'),
        figure(t('items rated'), int(d.itemsRated), 'reviews.itemsRated'),
        figure(t('demoted in lists'), int(d.itemsDemoted), 'reviews.itemsDemoted')),
      d.worstRated.length ? table([{ label: 'item' }, { label: 'rating', num: true }, { label: 'reviews', num: true },
        { label: 'words of 1\u20132 \u2605 reviews' }], d.worstRated.map(function (w, i) {
        return [{ key: 'reviews.item.' + i, text: (w.title || w.itemId) + (w.demoted ? t(' (demoted)') : '') },
          { key: 'reviews.bayesian.' + i, text: num(w.bayesian, 2) },
          { key: 'reviews.reviews.' + i, text: int(w.count) },
          { key: 'reviews.words.' + i, text: w.lowReviewWords.map(function (x) {
            return x.word + ' ' + x.texts; }).join(', ') }];
      })) : el('p', { class: 'muted', text: t('No item has enough reviews to be ranked yet.') }),
      el('p', { class: 'muted', text: t('Rating = the average pulled towards the shop\'s average by a fixed number of'
        + ' reviews (RecsRatingPriorStrength), so a few reviews move an item little.') })
    ];
  }

  function audiences(d) {
    var sorted = d.audiences.slice().sort(function (a, b) { return b.size - a.size || (a.name < b.name ? -1 : 1); });
    return [
      el('div', { class: 'figures' },
        figure(t('as of'), d.asOf, 'audiences.asOf'),
        figure(t('customers'), int(d.customers), 'audiences.customers'),
        figure(t('in at least one audience'), int(d.inAnyAudience), 'audiences.inAny'),
        figure(t('audiences'), int(d.audiences.length), 'audiences.count')),
      el('h3', { text: t('Size (a customer can be in several); \u2713 = enough hashed e-mails for Meta and Google') }),
      barChart(sorted.map(function (a) {
        return { label: a.name, value: a.size, text: int(a.size), key: 'audiences.size.' + keyPart(a.name),
          cls: a.targetable ? '' : 'muted', note: a.targetable ? '\u2713' : t('{n} e-mails', { n: int(a.withEmail) }),
          noteKey: 'audiences.targetable.' + keyPart(a.name) };
      }), { labelWidth: 170, title: t('audience sizes') }),
      el('h3', { text: t('Largest overlaps ({shown} of {total} pairs)', { shown: d.overlaps.length,
        total: d.overlapsTotal }) }),
      d.overlaps.length ? table([{ label: 'audience' }, { label: 'audience' }, { label: 'shared', num: true },
        { label: 'Jaccard', num: true }], d.overlaps.map(function (o, i) {
        return [o.a, o.b, { key: 'audiences.overlap.' + i, text: int(o.shared) }, num(o.jaccard, 2)];
      })) : el('p', { class: 'muted', text: t('No two audiences share a customer.') }),
      el('h3', { text: d.nextPlan ? t('Next plan\u2019s budget per audience ({date}: {campaigns})',
        { date: d.nextPlan.date, campaigns: d.nextPlan.campaigns.join(', ') }) : t('Next plan\u2019s budget per audience') }),
      d.nextPlan ? table([{ label: 'audience' }, { label: 'budget', num: true }],
        Object.keys(d.nextPlan.budgetByAudience).map(function (name) {
          return [name, { key: 'audiences.nextPlan.' + keyPart(name), text: money(d.nextPlan.budgetByAudience[name]) }];
        })) : el('p', { class: 'muted', text: t('No plan targets an audience yet: post ad results with an audience'
          + ' column (or field) and the next optimize-ads run plans per audience.') }),
      d.rejectedRules.length ? el('h3', { text: t('Rule files not applied') }) : null,
      d.rejectedRules.length ? el('ul', null, d.rejectedRules.map(function (r) {
        return el('li', { class: 'error', text: r.source + ': ' + r.reason });
      })) : null
    ];
  }

  function campaigns(d) {
    return [
      el('p', { class: 'muted', text: t('Measured every night against each campaign\'s randomised holdout, as of'
        + ' {date}; a verdict may be read every morning (always-valid 95% intervals).', { date: d.measuredOn }) }),
      table([{ label: 'campaign' }, { label: 'audience' }, { label: 'action' }, { label: 'window' },
        { label: 'state' }, { label: 'members', num: true }, { label: 'verdict' }],
      d.campaigns.map(function (c) {
        return [{ key: 'campaigns.id.' + keyPart(c.campaignId), text: c.campaignId }, c.audience, c.action,
          c.start + ' \u2013 ' + c.end, { key: 'campaigns.state.' + keyPart(c.campaignId), text: c.state },
          { key: 'campaigns.members.' + keyPart(c.campaignId), text: int(c.members) },
          { key: 'campaigns.verdict.' + keyPart(c.campaignId), text: c.verdict }];
      }))
    ];
  }

  // ------------------------------------------------------------------ customer search

  function showCustomer(id) {
    var out = document.getElementById('customer-result');
    out.textContent = '';
    if (!ID.test(id)) {
      append(out, el('p', { class: 'error', text: t('A customer id is 1 to 128 letters, digits or . _ : @ -') }));
      out.setAttribute('data-state', 'error');
      return Promise.resolve();
    }
    out.setAttribute('data-state', 'loading');
    return api('/users/' + encodeURIComponent(id) + '/recommendations?n=10').then(function (d) {
      append(out, el('p', { class: 'muted', 'data-k': 'search.summary', text: d.coldStart
        ? t('No history for {id}: the list every new customer gets.', { id: d.userId })
        : t('For {id} ({algorithm}):', { id: d.userId, algorithm: d.algorithm }) }));
      append(out, el('ol', { class: 'recs' }, d.items.map(function (item, i) {
        return el('li', null, el('strong', { 'data-k': 'search.item.' + i, text: item.itemId }), ' ',
          el('span', { class: 'reason', text: item.reason }));
      })));
      out.setAttribute('data-state', d.coldStart ? 'cold' : 'ready');
    }).catch(function (failure) {
      append(out, el('p', { class: 'error', text: failure.message }));
      out.setAttribute('data-state', 'error');
    });
  }

  // ------------------------------------------------------------------ start

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    token = null;
    document.getElementById('panels').hidden = true;
    document.getElementById('sign-out').hidden = true;
    document.getElementById('token-form').hidden = false;
    if (message) {
      var form = document.getElementById('token-form');
      var old = form.querySelector('.error');
      if (old) old.remove();
      form.appendChild(el('p', { class: 'error', text: message }));
    }
  }

  function open(customer) {
    document.getElementById('token-form').hidden = true;
    document.getElementById('panels').hidden = false;
    document.getElementById('sign-out').hidden = false;
    var loads = [
      load('panel-profiles', '/dashboard/profiles', profiles),
      load('panel-health', '/dashboard/data-health', health),
      load('panel-recs', '/dashboard/recommendations', recommendations),
      load('panel-ads', '/dashboard/ads', ads),
      load('panel-assistant', '/dashboard/assistant', assistant),
      load('panel-audiences', '/dashboard/audiences', audiences),
      load('panel-campaigns', '/dashboard/campaigns', campaigns),
      load('panel-reviews', '/dashboard/reviews', reviews)];
    if (customer) {
      document.getElementById('customer-input').value = customer;
      loads.push(showCustomer(customer));
    }
    Promise.all(loads).then(measureOverflow);
  }

  /**
   * How far the widest thing runs past the screen or its scroll box, in CSS pixels (0 when everything fits), on the
   * root element as data-overflow-px: the browser test reads it at a phone's width, and so can anyone in dev tools.
   */
  function measureOverflow() {
    var boxes = [document.documentElement].concat(Array.prototype.slice.call(document.querySelectorAll('.scroll')));
    var worst = boxes.reduce(function (most, box) { return Math.max(most, box.scrollWidth - box.clientWidth); }, 0);
    document.documentElement.setAttribute('data-overflow-px', String(worst));
  }

  /** The fixed words of index.html (marked data-i18n, their English kept in data-en), the title and the switch. */
  function translatePage() {
    document.documentElement.lang = lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      if (!node.hasAttribute('data-en')) node.setAttribute('data-en', node.textContent.trim());
      node.textContent = t(node.getAttribute('data-en'));
    });
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n-placeholder]'), function (node) {
      node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder')));
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-placeholder')));
    });
    document.title = t('shopsense dashboard');
    document.getElementById('lang').value = lang;
  }

  function start() {
    // For local use the token may come in the fragment (#token=…&customer=…); it never reaches a server log,
    // and is moved to this tab's sessionStorage and cleared from the address bar at once.
    var fragment = new URLSearchParams(location.hash.slice(1));
    if (fragment.get('token')) sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    var customer = fragment.get('customer');
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    token = sessionStorage.getItem(TOKEN_KEY);
    lang = chooseLanguage();
    translatePage();

    document.getElementById('lang').addEventListener('change', function (e) {
      lang = LANGUAGES.indexOf(e.target.value) >= 0 ? e.target.value : 'en';
      localStorage.setItem(LANG_KEY, lang);
      translatePage();
      if (token) open(document.getElementById('customer-input').value.trim() || null);
    });

    document.getElementById('token-save').addEventListener('click', function () {
      var value = document.getElementById('token-input').value.trim();
      if (!value) return;
      sessionStorage.setItem(TOKEN_KEY, value);
      token = value;
      open(null);
    });
    document.getElementById('sign-out').addEventListener('click', function () { signOut(null); });
    var input = document.getElementById('customer-input');
    document.getElementById('customer-go').addEventListener('click', function () { showCustomer(input.value.trim()); });
    input.addEventListener('keydown', function (e) { if (e.key === 'Enter') showCustomer(input.value.trim()); });

    if (token) open(customer); else signOut(null);
  }

  start();
}());
