/*
 * The shopsense dashboard: one request per panel to this origin's API, charts drawn here as SVG, no third-party code.
 * Every value from the API is inserted as text (never as HTML). Elements carrying numbers have data-k="panel.name"
 * so the browser test can compare what is shown with what the API answers.
 */
(function () {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';
  var TOKEN_KEY = 'shopsense.token';
  var ID = /^[A-Za-z0-9._:@-]{1,128}$/;
  var token = null;

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

  function int(n) { return Math.round(Number(n)).toLocaleString('en-GB'); }

  function num(n, digits) {
    return Number(n).toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function signed(n) { return (n > 0 ? '+' : n < 0 ? '\u2212' : '\u00b1') + int(Math.abs(n)); }

  function when(iso) {
    if (!iso) return 'never';
    var d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
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
      'aria-label': opts.title || 'bar chart' });
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
      class: 'heat', 'aria-label': 'budget by channel and hour' });
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
        var t = max > 0 ? budget / max : 0;
        var fill = budget > 0 ? 'rgb(' + Math.round(236 - 221 * t) + ',' + Math.round(246 - 122 * t) + ','
          + Math.round(245 - 129 * t) + ')' : '#f4f6f7';
        chart.appendChild(svg('rect', { x: labelW + hour * cell + 1, y: y + 1, width: cell - 2, height: cell - 2,
          rx: 3, fill: fill, 'data-k': 'ads.cell.' + keyPart(channel) + '.' + hour, 'data-budget': budget },
          svg('title', { text: channel + ' ' + hour + ':00 \u2014 budget ' + num(budget, 2)
            + (a ? ', expected conversions ' + num(a.expectedConversions, 2) : '') })));
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
      'aria-label': 'expected conversions with the 95% interval' },
      svg('line', { x1: x(low), x2: x(high), y1: 34, y2: 34, stroke: '#0f7c74', 'stroke-width': 6,
        'stroke-linecap': 'round', opacity: 0.35 }),
      svg('circle', { cx: x(mean), cy: 34, r: 6, fill: '#0f7c74' }),
      svg('text', { x: x(low) - 10, y: 38, 'text-anchor': 'end', class: 'axis', 'data-k': key + 'Low',
        text: num(low, 1) }),
      svg('text', { x: x(mean), y: 18, 'text-anchor': 'middle', text: num(mean, 1) }),
      svg('text', { x: x(high) + 10, y: 38, 'text-anchor': 'start', class: 'axis', 'data-k': key + 'High',
        text: num(high, 1) }));
  }

  function table(headers, rows) {
    return el('div', { class: 'scroll' }, el('table', null,
      el('thead', null, el('tr', null, headers.map(function (h) {
        return el('th', { class: h.num ? 'num' : null, text: h.label });
      }))),
      el('tbody', null, rows.map(function (cells) {
        return el('tr', null, cells.map(function (c, i) {
          return el('td', { class: headers[i].num ? 'num' : null, 'data-k': c && c.key, text: c && c.key ? c.text : c });
        }));
      }))));
  }

  // ------------------------------------------------------------------ API

  function api(path) {
    return fetch(path, { headers: { Authorization: 'Bearer ' + token }, cache: 'no-store' })
      .then(function (response) {
        return response.json().catch(function () { return null; }).then(function (body) {
          if (response.status === 401) {
            signOut('The API refused the token. Paste it again.');
            throw new Error('the API refused the token');
          }
          if (response.status === 403) {
            // A storefront token: the dashboard needs the back office's (scope admin).
            signOut('This token may not read the dashboard: paste a back-office (admin) token.');
            throw new Error('the token lacks the admin scope');
          }
          if (!response.ok) throw new Error((body && body.message) || ('the API answered ' + response.status));
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
        append(body, el('p', { class: 'next', 'data-k': id + '.next', text: data.next }));
        panel.setAttribute('data-state', 'empty');
        return;
      }
      append(body, render(data));
      panel.setAttribute('data-state', 'ready');
    }).catch(function (failure) {
      body.textContent = '';
      append(body, el('p', { class: 'error', text: 'Could not load this panel: ' + failure.message }));
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
        figure('customers', int(d.customers), 'profiles.customers'),
        figure('with a purchase', int(d.buyers), 'profiles.buyers'),
        figure('as of', d.asOf, 'profiles.asOf')),
      el('h3', { text: 'By segment' + (d.movement.since ? ' (change since the rebuild of ' + d.movement.since + ')'
        : ' (first rebuild: no change to show yet)') }),
      barChart(segments.map(function (s) {
        var change = d.movement.change[s] || 0;
        return { label: s, value: d.segments[s], text: int(d.segments[s]), key: 'profiles.segment.' + keyPart(s),
          note: d.movement.since ? signed(change) : '', noteCls: change > 0 ? 'up' : change < 0 ? 'down' : 'axis',
          noteKey: 'profiles.move.' + keyPart(s) };
      }), { title: 'customers by segment' }),
      el('h3', { text: '12-month value (CLV) of customers with a purchase' }),
      histogram(clvLabels, d.clv.counts, 'profiles.clv', 'CLV distribution'),
      el('p', { class: 'muted' }, 'median ', el('span', { 'data-k': 'profiles.clv.median', text: num(d.clv.median, 2) }),
        ', mean ', el('span', { 'data-k': 'profiles.clv.mean', text: num(d.clv.mean, 2) })),
      el('h3', { text: 'Chance of no purchase in the next 90 days (churn, %)' }),
      histogram(churnLabels, d.churn.counts, 'profiles.churn', 'churn distribution'),
      el('p', { class: 'muted' }, 'mean churn ',
        el('span', { 'data-k': 'profiles.churn.mean', text: num(d.churn.mean * 100, 1) + '%' }))
    ];
  }

  function health(d) {
    var t = d.totals;
    var reasons = Object.keys(t.rejectsByReason).sort(function (a, b) {
      return t.rejectsByReason[b] - t.rejectsByReason[a];
    });
    return [
      el('div', { class: 'figures' },
        figure('uploads', int(t.uploads), 'health.uploads'),
        figure('rows in', int(t.rowsIn), 'health.rowsIn'),
        figure('clean', int(t.rowsClean), 'health.rowsClean'),
        figure('rejected', int(t.rowsRejected), 'health.rowsRejected'),
        figure('failed uploads', int(t.failedUploads), 'health.failedUploads')),
      t.uploadsShown < t.uploads ? el('p', { class: 'muted', text: 'Rows counted over the newest ' + t.uploadsShown
        + ' uploads.' }) : null,
      el('h3', { text: 'Rejected rows by reason' }),
      reasons.length ? barChart(reasons.map(function (r) {
        return { label: r, value: t.rejectsByReason[r], text: int(t.rejectsByReason[r]),
          key: 'health.reject.' + keyPart(r), cls: 'base' };
      }), { labelWidth: 160, title: 'rejected rows by reason' }) : el('p', { class: 'muted', text: 'None.' }),
      el('h3', { text: 'Newest uploads' }),
      table([{ label: 'file' }, { label: 'when' }, { label: 'format' }, { label: 'status' },
        { label: 'rows', num: true }, { label: 'clean', num: true }, { label: 'rejected', num: true }],
      d.uploads.slice(0, 8).map(function (u) {
        return [(u.input || u.sourceId).replace(/^raw\//, ''), when(u.at), u.format || '?',
          u.status + (u.errorCode ? ' (' + u.errorCode + ')' : ''), int(u.rowsIn), int(u.rowsClean),
          int(u.rowsRejected)];
      })),
      el('h3', { text: 'Last run of each function' }),
      table([{ label: 'function' }, { label: 'last output' }, { label: 'from' }], d.lastRuns.map(function (r) {
        return [r.function, r.at ? when(r.at) : '\u2014', r.source];
      })),
      el('h3', { text: 'Failed invocations (dead-letter queue)' }),
      el('p', { class: 'muted', 'data-k': 'health.deadLetters', text: d.deadLetters.note })
    ];
  }

  function recommendations(d) {
    var results = (d.results || []).slice().sort(function (a, b) { return b.ndcgAt10 - a.ndcgAt10; });
    var chosen = d.chosen ? d.chosen.algorithm : d.algorithm;
    return [
      el('div', { class: 'figures' },
        figure('model in use', d.algorithm, 'recs.algorithm'),
        d.chosen ? figure('its nDCG@10', num(d.chosen.ndcgAt10, 4), 'recs.chosen.ndcg') : null,
        d.popularity ? figure('popularity\'s nDCG@10', num(d.popularity.ndcgAt10, 4), 'recs.popularity.ndcg') : null,
        d.ndcgLiftOverPopularity ? figure('vs popularity', '\u00d7' + num(d.ndcgLiftOverPopularity, 2), 'recs.lift')
          : null),
      el('p', { class: 'muted', text: 'Built ' + when(d.builtAt) + ' for ' + int(d.users) + ' customers and '
        + int(d.items) + ' items; ' + (d.chosenBy || '') + '.' }),
      el('h3', { text: 'Offline figures on the hold-out (nDCG@10)' }),
      results.length ? barChart(results.map(function (r) {
        return { label: r.algorithm + (r.algorithm === chosen ? ' \u2713' : ''), value: r.ndcgAt10,
          text: num(r.ndcgAt10, 4), key: 'recs.ndcg.' + keyPart(r.algorithm),
          cls: r.algorithm === 'popularity' ? 'base' : '' };
      }), { title: 'nDCG@10 by algorithm' }) : el('p', { class: 'muted', text: 'No hold-out figures.' }),
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
      picker = el('select', { 'aria-label': 'campaign' }, d.campaigns.map(function (name) {
        return el('option', { value: name, selected: name === r.campaignId ? 'selected' : null, text: name });
      }));
      picker.addEventListener('change', function () {
        load('panel-ads', '/dashboard/ads?campaign=' + encodeURIComponent(picker.value), ads);
      });
    }
    return [
      el('div', { class: 'figures' },
        figure('plan for', r.date, 'ads.date'),
        figure('campaign', r.campaignId, 'ads.campaign'),
        figure('budget', num(r.budget, 2), 'ads.budget'),
        figure('expected conversions', num(c.mean, 1), 'ads.conversions'),
        figure('expected revenue', num(rev.mean, 2), 'ads.revenue')),
      picker,
      el('h3', { text: 'Budget by channel and hour (darker is more)' }),
      heatMap(r.allocations),
      el('h3', { text: 'Conversions: expected, with the 95% interval' }),
      intervalChart(c.mean, c.low95, c.high95, 'ads.conversions'),
      el('h3', { text: r.changes && r.changes.since ? 'Biggest changes from the plan of ' + r.changes.since
        : 'Changes: this is the campaign\'s first plan' }),
      r.changes && r.changes.since ? (biggest.length ? table([{ label: 'channel' }, { label: 'hour', num: true },
        { label: 'before', num: true }, { label: 'now', num: true }, { label: 'why' }],
      biggest.map(function (x) {
        return [x.channel, String(x.hour), num(x.previousBudget, 2), num(x.budget, 2), x.reason];
      })) : el('p', { class: 'muted', text: 'No cell moved by more than 5%.' })) : null,
      el('p', { class: 'muted', 'data-k': 'ads.changes', text: cells.length + ' cells changed.' }),
      (r.notes || []).length ? el('ul', null, r.notes.map(function (n) { return el('li', { text: n }); })) : null
    ];
  }

  function assistant(d) {
    return [
      el('p', { class: 'muted', text: 'Most asked in the last ' + d.days + ' days without an answer.'
        + ' Add their answers to raw/faq/faq.md and the assistant answers them from then on.' }),
      table([{ label: 'question' }, { label: 'asked', num: true }], d.questions.map(function (q, i) {
        return [{ key: 'assistant.question.' + i, text: q.question }, { key: 'assistant.count.' + i, text: int(q.count) }];
      }))
    ];
  }

  function audiences(d) {
    var sorted = d.audiences.slice().sort(function (a, b) { return b.size - a.size || (a.name < b.name ? -1 : 1); });
    return [
      el('div', { class: 'figures' },
        figure('as of', d.asOf, 'audiences.asOf'),
        figure('customers', int(d.customers), 'audiences.customers'),
        figure('in at least one audience', int(d.inAnyAudience), 'audiences.inAny'),
        figure('audiences', int(d.audiences.length), 'audiences.count')),
      el('h3', { text: 'Size (a customer can be in several); \u2713 = enough hashed e-mails for Meta and Google' }),
      barChart(sorted.map(function (a) {
        return { label: a.name, value: a.size, text: int(a.size), key: 'audiences.size.' + keyPart(a.name),
          cls: a.targetable ? '' : 'muted', note: a.targetable ? '\u2713' : int(a.withEmail) + ' e-mails',
          noteKey: 'audiences.targetable.' + keyPart(a.name) };
      }), { labelWidth: 170, title: 'audience sizes' }),
      el('h3', { text: 'Largest overlaps (' + d.overlaps.length + ' of ' + d.overlapsTotal + ' pairs)' }),
      d.overlaps.length ? table([{ label: 'audience' }, { label: 'audience' }, { label: 'shared', num: true },
        { label: 'Jaccard', num: true }], d.overlaps.map(function (o, i) {
        return [o.a, o.b, { key: 'audiences.overlap.' + i, text: int(o.shared) }, num(o.jaccard, 2)];
      })) : el('p', { class: 'muted', text: 'No two audiences share a customer.' }),
      el('h3', { text: d.nextPlan ? 'Next plan\u2019s budget per audience (' + d.nextPlan.date + ', '
        + d.nextPlan.campaigns.join(', ') + ')' : 'Next plan\u2019s budget per audience' }),
      d.nextPlan ? table([{ label: 'audience' }, { label: 'budget', num: true }],
        Object.keys(d.nextPlan.budgetByAudience).map(function (name) {
          return [name, { key: 'audiences.nextPlan.' + keyPart(name), text: num(d.nextPlan.budgetByAudience[name], 2) }];
        })) : el('p', { class: 'muted', text: 'No plan targets an audience yet: post ad results with an audience'
          + ' column (or field) and the next optimize-ads run plans per audience.' }),
      d.rejectedRules.length ? el('h3', { text: 'Rule files not applied' }) : null,
      d.rejectedRules.length ? el('ul', null, d.rejectedRules.map(function (r) {
        return el('li', { class: 'error', text: r.source + ': ' + r.reason });
      })) : null
    ];
  }

  // ------------------------------------------------------------------ customer search

  function showCustomer(id) {
    var out = document.getElementById('customer-result');
    out.textContent = '';
    if (!ID.test(id)) {
      append(out, el('p', { class: 'error', text: 'A customer id is 1 to 128 letters, digits or . _ : @ -' }));
      out.setAttribute('data-state', 'error');
      return Promise.resolve();
    }
    out.setAttribute('data-state', 'loading');
    return api('/users/' + encodeURIComponent(id) + '/recommendations?n=10').then(function (d) {
      append(out, el('p', { class: 'muted', 'data-k': 'search.summary', text: d.coldStart
        ? 'No history for ' + d.userId + ': the list every new customer gets.'
        : 'For ' + d.userId + ' (' + d.algorithm + '):' }));
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
    load('panel-profiles', '/dashboard/profiles', profiles);
    load('panel-health', '/dashboard/data-health', health);
    load('panel-recs', '/dashboard/recommendations', recommendations);
    load('panel-ads', '/dashboard/ads', ads);
    load('panel-assistant', '/dashboard/assistant', assistant);
    load('panel-audiences', '/dashboard/audiences', audiences);
    if (customer) {
      document.getElementById('customer-input').value = customer;
      showCustomer(customer);
    }
  }

  function start() {
    // For local use the token may come in the fragment (#token=…&customer=…); it never reaches a server log,
    // and is moved to this tab's sessionStorage and cleared from the address bar at once.
    var fragment = new URLSearchParams(location.hash.slice(1));
    if (fragment.get('token')) sessionStorage.setItem(TOKEN_KEY, fragment.get('token'));
    var customer = fragment.get('customer');
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    token = sessionStorage.getItem(TOKEN_KEY);

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
