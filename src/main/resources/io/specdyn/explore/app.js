/*
 * specdyn explore: the page's controls, its requests to the local server and the views it shows.
 * Plain JavaScript, nothing fetched from another site. Each control change sends /api/run after a
 * short pause (a newer change aborts the older request: the latest wins); the answer's SVG views and
 * the runs' words replace the old ones, while a refused value (HTTP 400) shows the server's one line
 * and leaves the last good run in place.
 *
 * For the browser test and the measurement of the time to update: window.specdynTimings holds, for
 * every control change whose run was shown, the milliseconds from its input event to the moment the
 * new views were in the DOM; window.specdynPaintTimings the same to the next painted frame, and
 * window.specdynServerMillis the part the server took to compute the run and draw its views.
 * (This file is copied through Maven's resource filter: it must not contain a dollar followed by a
 * brace, nor at-signs.)
 */
(function () {
  'use strict';

  var DEBOUNCE_MS = 40;
  var VIEWS = ['coefficients', 'alignment', 'stage1', 'stage2'];
  var RULES = [
    {algo: 'gd', name: 'GD'},
    {algo: 'specgd', name: 'SpecGD (polar factor)'},
    {algo: 'muon', name: 'Muon (Newton-Schulz)'},
    {algo: 'momentum', name: 'momentum GD'},
    {algo: 'ngd', name: 'normalised GD'},
    {algo: 'adam', name: 'Adam'},
    {algo: 'signgd', name: 'signGD'}
  ];
  /* what each rule takes, as specdyn run --help says it */
  var MOMENTUM = {muon: '0.95', momentum: '0.9'};
  var NS_STEPS = {muon: true};
  var CANONICAL = {adam: true, signgd: true};
  var SCHEDULES = ['constant', 'cosine', 'linear', 'inverse-sqrt', 'exp'];
  var DEFAULTS = {'1': {algo: 'gd', lr: '0.02'}, '2': {algo: 'specgd', lr: '0.02'}};

  var timings = [];
  var paintTimings = [];
  var serverMillis = [];
  window.specdynTimings = timings;
  window.specdynPaintTimings = paintTimings;
  window.specdynServerMillis = serverMillis;

  var pendingInputs = [];   /* performance.now() of control changes not yet shown */
  var timer = 0;
  var inflight = null;      /* {controller, covers} of the request in flight */
  var rendered = 0;         /* answers shown so far */

  function $(id) {
    return document.getElementById(id);
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') {
        e.textContent = attrs[k];
      } else {
        e.setAttribute(k, attrs[k]);
      }
    });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  /* ---- sliders paired with number boxes: the box holds the exact value sent ---- */

  function sliderToValue(range) {
    var lo = parseFloat(range.dataset.lo);
    var hi = parseFloat(range.dataset.hi);
    var f = (parseFloat(range.value) - parseFloat(range.min)) / (parseFloat(range.max) - parseFloat(range.min));
    var v = range.dataset.scale === 'log' ? Math.exp(Math.log(lo) + f * (Math.log(hi) - Math.log(lo)))
        : lo + f * (hi - lo);
    if (range.dataset.integer === 'true') {
      return String(Math.round(v));
    }
    return String(Number(v.toPrecision(3)));
  }

  function valueToSlider(range, text) {
    var v = Number(text);
    var lo = parseFloat(range.dataset.lo);
    var hi = parseFloat(range.dataset.hi);
    if (!isFinite(v) || text.trim() === '' || (range.dataset.scale === 'log' && v <= 0)) {
      return;
    }
    var f = range.dataset.scale === 'log' ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))
        : (v - lo) / (hi - lo);
    f = Math.min(1, Math.max(0, f));
    var min = parseFloat(range.min);
    var max = parseFloat(range.max);
    range.value = String(Math.round(min + f * (max - min)));
  }

  function pairUp(range) {
    var box = $(range.dataset.target);
    valueToSlider(range, box.value);
    range.addEventListener('input', function () {
      box.value = sliderToValue(range);
    });
    box.addEventListener('input', function () {
      valueToSlider(range, box.value);
    });
  }

  /* ---- the rules' own controls ---- */

  function buildRule(n) {
    var fs = $('rule-' + n);
    var algo = $('algo-' + n);
    RULES.forEach(function (r) {
      algo.appendChild(el('option', {value: r.algo, text: r.name}));
    });
    algo.value = DEFAULTS[n].algo;
    $('lr-' + n).value = DEFAULTS[n].lr;

    var sched = fs.querySelector('.sched');
    var schedule = el('select', {id: 'schedule-' + n});
    SCHEDULES.forEach(function (s) {
      schedule.appendChild(el('option', {value: s, text: s === 'exp' ? 'exp: lr gamma^k' : s}));
    });
    sched.appendChild(el('label', {'class': 'row'}, ['schedule', schedule]));
    sched.appendChild(el('label', {'class': 'row', 'data-when': 'exp'}, ['gamma',
      el('input', {id: 'gamma-' + n, type: 'text', inputmode: 'decimal', value: '0.999', spellcheck: 'false'})]));
    sched.appendChild(el('label', {'class': 'row', 'data-when': 'decay'}, ['lr floor (lr-min)',
      el('input', {id: 'lr-min-' + n, type: 'text', inputmode: 'decimal', value: '', placeholder: '0',
        spellcheck: 'false'})]));
    sched.appendChild(el('label', {'class': 'row'}, ['warm-up steps',
      el('input', {id: 'warmup-' + n, type: 'text', inputmode: 'numeric', value: '', placeholder: 'none',
        spellcheck: 'false'})]));
    var momentumRange = el('input', {id: 'momentum-range-' + n, type: 'range', min: '0', max: '990', step: '1',
      'aria-label': 'momentum of rule ' + n + ' (slider)', 'data-scale': 'linear', 'data-lo': '0',
      'data-hi': '0.99', 'data-target': 'momentum-' + n});
    sched.appendChild(el('div', {'class': 'pair', 'data-when': 'momentum'}, [
      el('label', {'for': 'momentum-' + n, text: 'momentum'}), momentumRange,
      el('input', {id: 'momentum-' + n, type: 'text', inputmode: 'decimal', value: '', spellcheck: 'false'})]));
    var nesterov = el('select', {id: 'nesterov-' + n});
    [['', 'the rule\'s default'], ['true', 'Nesterov'], ['false', 'heavy ball']].forEach(function (o) {
      nesterov.appendChild(el('option', {value: o[0], text: o[1]}));
    });
    sched.appendChild(el('label', {'class': 'row', 'data-when': 'momentum'}, ['look-ahead', nesterov]));
    sched.appendChild(el('label', {'class': 'row', 'data-when': 'ns'}, ['Newton-Schulz steps',
      el('input', {id: 'ns-steps-' + n, type: 'text', inputmode: 'numeric', value: '', placeholder: '5',
        spellcheck: 'false'})]));
    sched.appendChild(el('p', {'class': 'note', 'data-when': 'canonical',
      text: 'runs with --basis canonical: this rule acts on single entries of W, which are the group '
        + 'coefficients only in the coordinate basis.'}));

    algo.addEventListener('change', function () {
      $('momentum-' + n).value = MOMENTUM[algo.value] || '';
      valueToSlider(momentumRange, $('momentum-' + n).value);
      showApplicable(n);
    });
    schedule.addEventListener('change', function () {
      showApplicable(n);
    });
    $('momentum-' + n).value = MOMENTUM[algo.value] || '';
    pairUp(momentumRange);
    showApplicable(n);
  }

  /* shows only the settings that apply to the rule and schedule chosen: what is hidden is not sent */
  function showApplicable(n) {
    var algo = $('algo-' + n).value;
    var schedule = $('schedule-' + n).value;
    var when = {
      exp: schedule === 'exp',
      decay: schedule !== 'constant',
      momentum: MOMENTUM.hasOwnProperty(algo),
      ns: NS_STEPS.hasOwnProperty(algo),
      canonical: CANONICAL.hasOwnProperty(algo)
    };
    $('rule-' + n).querySelectorAll('[data-when]').forEach(function (e) {
      e.hidden = !when[e.dataset.when];
    });
  }

  function showSpectrum() {
    var spectrum = $('spectrum').value;
    document.querySelectorAll('[data-for]').forEach(function (e) {
      e.hidden = e.dataset.for !== spectrum;
    });
  }

  function showRule2() {
    var on = $('rule2-on').checked;
    $('rule-2').disabled = !on;
    $('rule-2').classList.toggle('off', !on);
    $('run-2').hidden = !on;
  }

  /* ---- the request ---- */

  function ruleParams(n, suffix, params) {
    var algo = $('algo-' + n).value;
    var schedule = $('schedule-' + n).value;
    params.push(['algo' + suffix, algo]);
    params.push(['lr' + suffix, $('lr-' + n).value]);
    if (schedule !== 'constant') {
      params.push(['schedule' + suffix, schedule === 'exp' ? 'exp:' + $('gamma-' + n).value.trim() : schedule]);
      params.push(['lr-min' + suffix, $('lr-min-' + n).value]);
    }
    params.push(['warmup' + suffix, $('warmup-' + n).value]);
    if (MOMENTUM.hasOwnProperty(algo)) {
      params.push(['momentum' + suffix, $('momentum-' + n).value]);
      params.push(['nesterov' + suffix, $('nesterov-' + n).value]);
    }
    if (NS_STEPS.hasOwnProperty(algo)) {
      params.push(['ns-steps' + suffix, $('ns-steps-' + n).value]);
    }
    if (CANONICAL.hasOwnProperty(algo)) {
      params.push(['basis' + suffix, 'canonical']);
    }
  }

  /* the query of the controls' state; an empty value is the option not given (the command's default) */
  function query() {
    var params = [['spectrum', $('spectrum').value]];
    if ($('spectrum').value === 'spiked') {
      params.push(['kappa', $('kappa').value]);
    } else {
      params.push(['alpha', $('alpha').value]);
    }
    params.push(['d', $('d').value], ['init-scale', $('init-scale').value], ['steps', $('steps').value]);
    ruleParams('1', '', params);
    if ($('rule2-on').checked) {
      ruleParams('2', '2', params);
    }
    return params.filter(function (p) {
      return p[1].trim() !== '';
    }).map(function (p) {
      return encodeURIComponent(p[0]) + '=' + encodeURIComponent(p[1].trim());
    }).join('&');
  }

  function changed() {
    pendingInputs.push(performance.now());
    setState('busy', 'computing');
    clearTimeout(timer);
    timer = setTimeout(function () {
      request('/api/run?' + query(), '');
    }, DEBOUNCE_MS);
  }

  function setState(state, text) {
    document.body.dataset.state = state;
    $('status').textContent = text;
  }

  function request(url, shown) {
    if (inflight) {
      inflight.controller.abort();
    }
    var controller = new AbortController();
    var mine = {controller: controller, covers: pendingInputs.length};
    inflight = mine;
    setState('busy', 'computing');
    fetch(url, {signal: controller.signal, headers: {'Accept': 'application/json'}})
      .then(function (response) {
        return response.text().then(function (body) {
          return {status: response.status, body: body};
        });
      })
      .then(function (answer) {
        if (inflight !== mine) {
          return;
        }
        inflight = null;
        var covered = pendingInputs.splice(0, mine.covers);
        var json;
        try {
          json = JSON.parse(answer.body);
        } catch (e) {
          showError('explore: the server answered ' + answer.status + ' with something that is not JSON');
          return;
        }
        if (answer.status !== 200) {
          showError(json && json.error ? json.error : 'explore: the server answered ' + answer.status);
          return;
        }
        render(json, shown);
        var now = performance.now();
        covered.forEach(function (t) {
          timings.push(now - t);
          serverMillis.push(json.millis);
        });
        requestAnimationFrame(function () {
          setTimeout(function () {
            var painted = performance.now();
            covered.forEach(function (t) {
              paintTimings.push(painted - t);
            });
          }, 0);
        });
      })
      .catch(function (e) {
        if (e && e.name === 'AbortError') {
          return;   /* a newer request took its place */
        }
        if (inflight === mine) {
          inflight = null;
          pendingInputs.splice(0, mine.covers);
          showError('explore: no answer from the server (' + e.message + '); is specdyn explore still running?');
        }
      });
  }

  function showError(line) {
    var box = $('error');
    box.textContent = line;
    box.hidden = false;
    if (!newerChange()) {
      setState('error', 'refused: the views show the last run computed');
    }
  }

  /* ---- the answer ---- */

  /*
   * Four SVG documents drawn separately reuse the same ids (clipPath1, ...): inline in one page each
   * must get its own, or one figure's clip paths would clip another's lines.
   */
  function inlineSvg(text, prefix) {
    var start = text.indexOf('<svg');
    var svg = start < 0 ? '' : text.substring(start);
    svg = svg.replace(/\sid="([^"]+)"/g, ' id="' + prefix + '$1"')
      .replace(/url\(#([^)]+)\)/g, 'url(#' + prefix + '$1)')
      .replace(/href="#([^"]+)"/g, 'href="#' + prefix + '$1"');
    var w = /<svg[^>]*\swidth="([0-9.]+)"/.exec(svg);
    var h = /<svg[^>]*\sheight="([0-9.]+)"/.exec(svg);
    if (w && h && !/<svg[^>]*viewBox=/.test(svg)) {
      svg = svg.replace('<svg', '<svg viewBox="0 0 ' + w[1] + ' ' + h[1] + '" preserveAspectRatio="xMidYMid meet"');
    }
    return svg;
  }

  function render(json, shown) {
    VIEWS.forEach(function (name) {
      var box = $('view-' + name).querySelector('.svg');
      box.innerHTML = inlineSvg(json.views[name] || '', 'v-' + name + '-');
    });
    var runs = json.runs || [];
    for (var i = 1; i <= 2; i++) {
      var run = runs[i - 1];
      var card = $('run-' + i);
      if (!run) {
        card.hidden = true;
        continue;
      }
      card.hidden = false;
      card.dataset.algo = run.algo;
      $('label-' + i).textContent = run.label;
      $('aligned-' + i).textContent = run.aligned_step === null || run.aligned_step === undefined ? 'not aligned'
          : String(run.aligned_step);
      $('words-' + i).textContent = run.words;
      $('download-' + i).href = run.download;
      $('command-' + i).value = run.command;
    }
    $('shown').textContent = shown;
    if (shown) {
      /* a sweep cell was clicked below: bring its run into sight */
      $('run-1').scrollIntoView({block: 'start'});
    }
    $('error').hidden = true;
    $('error').textContent = '';
    rendered++;
    window.specdynRendered = rendered;
    if (!newerChange()) {
      setState('idle', 'computed in ' + Math.round(json.millis) + ' ms on the server');
    }
  }

  /* a change made after this answer's request: its own request is coming, the page is not settled */
  function newerChange() {
    return pendingInputs.length > 0 || inflight !== null;
  }

  /* ---- copy ---- */

  function copy(n) {
    var field = $('command-' + n);
    var text = field.value;
    var done = function () {
      $('copy-' + n).textContent = 'copied';
      setTimeout(function () {
        $('copy-' + n).textContent = 'copy command';
      }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        selectField(field);
      });
    } else {
      selectField(field);
    }
  }

  function selectField(field) {
    field.focus();
    field.select();
    $('status').textContent = 'the command is selected: press Ctrl-C (or Cmd-C) to copy it';
  }

  /* ---- the sweep ---- */

  function loadSweep() {
    fetch('/api/sweep', {headers: {'Accept': 'application/json'}}).then(function (response) {
      if (response.status !== 200) {
        return null;   /* no --sweep: the section stays hidden */
      }
      return response.json();
    }).then(function (sweep) {
      if (sweep) {
        showSweep(sweep);
      }
    }).catch(function () {
      /* the sweep is optional: the runs above work without it */
    });
  }

  function showSweep(sweep) {
    $('sweep-context').textContent = sweep.context || '';
    var maps = $('sweep-maps');
    maps.textContent = '';
    (sweep.maps || []).forEach(function (map, m) {
      var holder = el('div', {'class': 'svg'});
      holder.innerHTML = inlineSvg(map.svg, 'm' + m + '-');
      var figure = el('figure', {'class': 'map', id: 'map-' + m, 'aria-label': map.title}, [holder]);
      maps.appendChild(figure);
      var svg = holder.querySelector('svg');
      if (!svg) {
        return;
      }
      svg.addEventListener('click', function (event) {
        var box = svg.getBoundingClientRect();
        var ux = (event.clientX - box.left) * map.width / box.width;
        var uy = (event.clientY - box.top) * map.height / box.height;
        var cell = (map.cells || []).filter(function (c) {
          return c.x <= ux && ux < c.x + c.w && c.y <= uy && uy < c.y + c.h;
        })[0];
        if (cell) {
          showCell(map, cell, svg, sweep.shape || 'kappa');
        }
      });
    });
    $('sweep').hidden = false;
  }

  function showCell(map, cell, svg, shape) {
    document.querySelectorAll('.map rect.picked').forEach(function (r) {
      r.parentNode.removeChild(r);
    });
    var mark = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
    mark.setAttribute('class', 'picked');
    mark.setAttribute('x', cell.x);
    mark.setAttribute('y', cell.y);
    mark.setAttribute('width', cell.w);
    mark.setAttribute('height', cell.h);
    svg.appendChild(mark);
    clearTimeout(timer);
    pendingInputs.push(performance.now());
    /* the sweep counts alignment once it has held; a run's own count is its first crossing, a few steps sooner at most */
    var steps = cell.steps === null || cell.steps === undefined ? cell.status
        : 'aligned, and held, from step ' + cell.steps;
    request('/api/sweep/cell?cell=' + encodeURIComponent(cell.cell),
        'sweep cell ' + cell.cell + ': ' + map.variant + ', d = ' + map.d + ', lr ' + cell.lr + ', '
        + shape + ' ' + cell.shape + ' (' + steps
        + ' in the sweep; the run shows where it first reaches the threshold); move a control to return to your runs');
  }

  /* ---- start ---- */

  function start() {
    buildRule('1');
    buildRule('2');
    document.querySelectorAll('input[type=range][data-target]').forEach(function (range) {
      if (!range.id.startsWith('momentum-range-')) {
        pairUp(range);
      }
    });
    $('spectrum').addEventListener('change', showSpectrum);
    $('rule2-on').addEventListener('change', showRule2);
    showSpectrum();
    showRule2();
    var form = $('controls');
    form.addEventListener('input', changed);
    /* every control fires input (selects and checkboxes too, before their change listeners run: the
       query is read when the pause ends, after them) */
    form.addEventListener('submit', function (event) {
      event.preventDefault();
    });
    $('copy-1').addEventListener('click', function () {
      copy('1');
    });
    $('copy-2').addEventListener('click', function () {
      copy('2');
    });
    request('/api/run?' + query(), '');
    loadSweep();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
