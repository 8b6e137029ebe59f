/**
 * The sandbox core: runs candidate code against tests in QuickJS (WebAssembly), one fresh runtime per test.
 *
 * Pure and synchronous: used by the sandbox worker (workers/sandbox.ts) and directly by Node tests. The
 * caller loads the QuickJS module (`newQuickJSWASMModuleFromVariant(RELEASE_SYNC)`) and, for TypeScript,
 * passes the lazily loaded sucrase transpiler (workers/sandbox/transpile.ts).
 *
 * Isolation: the candidate's code only ever sees the bare QuickJS global (ECMAScript built-ins) plus a
 * `console` that records lines. Nothing crosses back to the host but strings produced INSIDE the VM by the
 * guarded serializer below (JSON text, size- and depth-capped); the host parses them itself.
 *
 * Limits, per test: memory (heap measured from the interrupt handler + capped wasm growth), stack (QuickJS
 * stack limit), time (interrupt handler with a deadline, plus a clock check after the run), source size,
 * output size, console lines. Every handle, context and runtime is disposed after each test.
 *
 * Measured pitfalls this file works around (Node 20 and Chromium's worker, quickjs-emscripten 0.32.0
 * release-sync, which embeds QuickJS 2025-09-13):
 * - QuickJS measures its stack limit on the emscripten shadow stack, but the wasm frames themselves live on
 *   the HOST's native stack. Some C recursions (the parser on `((((…`, JSON.stringify on deeply nested
 *   data) use ~20× more native stack than shadow stack and overflow the host first: a host RangeError in
 *   the middle of wasm leaves the module corrupted. So: source is first compiled in a throwaway runtime
 *   with a 12 KB stack (where every such recursion fails cleanly first), `eval`/`Function` are routed
 *   through the same check, `JSON.stringify`/`JSON.parse`/`flat` refuse values nested deeper than 1000
 *   levels, `join` (String(array)) arrays nested deeper than 256 and `bind` chains deeper than 100. If a host overflow still happens (another C recursion, or
 *   eval at the bottom of a deep recursion), the run reports `fatal` and the worker restarts.
 * - In this build QuickJS's memory limit only refuses single allocations larger than the limit: the running
 *   total is not tracked (malloc_usable_size is unavailable, see rt.dumpMemoryUsage()), so 1000 × 1 MB
 *   grew the wasm memory to 2 GB under a "32 MB" limit. So: the interrupt handler measures the heap
 *   (rt.computeMemoryUsage, ≤ ~10 % of the time) and stops the code when it holds more than the limit; the
 *   wasm memory's grow() is wrapped (installGrowGuard) so growth triggers a poll at once, and growth past
 *   the test's budget (or WASM_MAX_BYTES) is refused, which QuickJS reports as out of memory.
 * - QuickJS polls the interrupt handler every 10 000 loop iterations / calls, so a loop whose body is one
 *   slow native call (`for(;;) big.indexOf(x)`, `for(;;) new Array(1e6).fill(1)`) ran 25–100 s past a 2 s
 *   deadline. The handler now rewrites the context's interrupt counter (verified at start-up, see
 *   calibratePollCounter) so polls happen every ~2 ms whatever the loop body costs.
 */
import { shouldInterruptAfterDeadline } from 'quickjs-emscripten-core';
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { compareValues, describeDiff, formatValue } from '../../src/coding/compare';
import { DEFAULT_LIMITS } from '../../src/coding/types';
import type { RunLimits, RunRequest, RunResult, TestResult } from '../../src/coding/types';
import type { TranspileTs } from './transpile';

export interface RunnerOptions {
  /** Needed for `language: 'ts'` (loaded lazily by the worker). Without it, TypeScript runs fail to compile. */
  transpileTs?: TranspileTs;
}

export interface Runner {
  run(req: RunRequest): RunResult;
  /** True after a crash inside the QuickJS module: it must not be used again (the worker restarts). */
  readonly broken: boolean;
}

// ------------------------------------------------------------------------------------------ constants

const KB = 1024;
const MB = 1024 * 1024;
/**
 * Stack limit for the compile-only check: deep enough for real code, small enough to fail before the host.
 * Measured in Chromium's worker (cold, Liftoff): `((((…` overflowed the HOST stack from ~500 levels, which is
 * where a 32 KB QuickJS stack would have stopped it. 12 KB stops it at 184 (blocks at 84, classes at 41).
 */
const COMPILE_STACK_BYTES = 12 * KB;
/**
 * A parser stack overflow sometimes surfaces as another SyntaxError ("invalid property name", "missing
 * formal parameter"). A syntax error at 12 KB is therefore compiled again at 16 KB (parens stop at 248, still
 * half of Chromium's limit): the same error twice is a real syntax error, a different one is nesting.
 */
const COMPILE_RECHECK_STACK_BYTES = 16 * KB;
/** Promise jobs run after the entry function returns (a `.then` flood stops here). */
export const MAX_PENDING_JOBS = 1000;
/**
 * JSON.stringify / JSON.parse / Array.prototype.flat inside the VM refuse values nested deeper than this
 * (their C recursion overflowed the host stack first: JSON.parse at 10 000 levels and flat at 10 000 in
 * Chromium's worker, JSON.stringify at ~8000 in Node).
 */
const MAX_JSON_DEPTH = 1000;
/** Chains of bound functions deeper than this are refused (a 1000-deep chain overflowed Chromium's stack). */
const MAX_BIND_DEPTH = 100;
/**
 * Array.prototype.join (so also String(array), array + '', `${array}`) refuses arrays nested deeper than this:
 * String() of 1e5-deep nested arrays overflowed Chromium's stack (QuickJS's own check fired, then a GC ran at
 * the bottom of the recursion).
 */
const MAX_JOIN_DEPTH = 256;
/** Deepest returned value copied out. */
const MAX_RESULT_DEPTH = 1000;
/** Extra time given to read an error's name/message after the candidate's code stopped. */
const READOUT_GRACE_MS = 100;
const ENTRY_NAME = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'.split(
    ' ',
  ),
);

/** quickjs.c: `#define JS_INTERRUPT_COUNTER_INIT 10000`; JSContext.interrupt_counter is at byte 232 in 0.32.0. */
const QJS_COUNTER_INIT = 10000;
const QJS_COUNTER_OFFSET = 232;
/** Aim for one interrupt poll every TARGET_POLL_MS, whatever one loop iteration costs. */
const TARGET_POLL_MS = 2;
/**
 * Ticks between polls: start at 1 and grow ×4 while polls come quickly. Capped well below QuickJS's 10 000 so
 * that a loop that turns slow after a fast start is noticed within ~1000 iterations (~1–3 % overhead).
 */
const MAX_TICKS = 1000;
const PROBE_TICKS = 1;
/** Heap measurements (rt.computeMemoryUsage) at most this often, and never more than ~10% of the time. */
const MEMORY_CHECK_MS = 10;
/** Growth of the wasm memory that triggers an immediate heap measurement. */
const WASM_GROWTH_CHECK_BYTES = 4 * MB;
/** Past this size after a run, the wasm memory (which never shrinks) is given back by restarting the worker. */
export const WASM_RECYCLE_BYTES = 256 * MB;
/** The wasm memory never grows past this (allocations fail: "Memory limit exceeded"). */
export const WASM_MAX_BYTES = 512 * MB;
/** During one test the wasm memory may grow by at most 2 × memory limit + this (fragmentation, reallocs). */
const TEST_GROWTH_MARGIN = 16 * MB;
const WASM_PAGE = 65536;
/** Longest source accepted by the guarded eval / Function constructors. */
const MAX_EVAL_SOURCE = 1_000_000;

/** Marker key of exotic values in the serializer's JSON (undefined, bigint, symbol, function, cycle…). */
const MARK = '\u0000sandbox';

// -------------------------------------------------------------------------------------- VM-side code

/**
 * Evaluated first in every fresh context. Captures the intrinsics it needs before the candidate's code
 * runs (so later tampering cannot break the serializer), installs `console`, guards `JSON.stringify`,
 * `eval` and the Function constructors, and returns the host API. Plain ES5-style JS, no template literals.
 */
const PRELUDE = String.raw`(function (hostCheck, cfgJson) {
  'use strict';
  var G = globalThis;
  var O = Object;
  var apply = Reflect.apply, construct = Reflect.construct;
  var keys = O.keys, gopd = O.getOwnPropertyDescriptor, defineProperty = O.defineProperty;
  var getProto = O.getPrototypeOf, create = O.create, freeze = O.freeze;
  var hasOwnProperty = O.prototype.hasOwnProperty;
  function hasOwn(o, k) { return apply(hasOwnProperty, o, [k]); }
  var isArray = Array.isArray, isView = ArrayBuffer.isView;
  var JSONo = JSON, jsonStringify = JSON.stringify, jsonParse = JSON.parse;
  var StringF = String, ErrorF = Error, RangeErrorF = RangeError, SyntaxErrorF = SyntaxError;
  var SetF = Set, setHas = Set.prototype.has, setAdd = Set.prototype.add, setDelete = Set.prototype.delete;
  var MapF = Map, mapGet = Map.prototype.get, mapSet = Map.prototype.set;
  var MapProto = Map.prototype, SetProto = Set.prototype;
  var mapSize = gopd(Map.prototype, 'size').get, setSize = gopd(Set.prototype, 'size').get;
  var symDesc = gopd(Symbol.prototype, 'description').get;
  var bigToString = BigInt.prototype.toString;
  var NumberProto = Number.prototype, StringProto = String.prototype, BooleanProto = Boolean.prototype;
  var numValueOf = NumberProto.valueOf, strValueOf = StringProto.valueOf, boolValueOf = BooleanProto.valueOf;
  var taLength = gopd(getProto(Int8Array.prototype), 'length').get;
  var strSlice = StringProto.slice, charCodeAt = StringProto.charCodeAt;
  var WeakMapF = WeakMap, wmGet = WeakMap.prototype.get, wmSet = WeakMap.prototype.set;
  var originalBind = Function.prototype.bind, originalFlat = Array.prototype.flat, originalJoin = Array.prototype.join;
  var originalEval = G.eval;
  var dateNow = Date.now;
  var cfg = jsonParse(cfgJson);
  var MARK = '\u0000sandbox';
  var TOO_LARGE = freeze(create(null)), TOO_DEEP = freeze(create(null)), NOT_BOXED = freeze(create(null));

  function clip(s, n) { return s.length > n ? apply(strSlice, s, [0, n]) + '…' : s; }

  function fnName(f) {
    try {
      var d = gopd(f, 'name');
      return d && hasOwn(d, 'value') && typeof d.value === 'string' ? d.value : '';
    } catch (e) { return ''; }
  }

  function unbox(o, proto) {
    try {
      if (proto === NumberProto) return apply(numValueOf, o, []);
      if (proto === StringProto) return apply(strValueOf, o, []);
      if (proto === BooleanProto) return apply(boolValueOf, o, []);
    } catch (e) {}
    return NOT_BOXED;
  }

  /**
   * Iterative serializer (no recursion: the stack is only 128 KB). data mode: JSON where exotic values
   * are {MARK: kind+payload}; display mode (console): readable text. Throws TOO_LARGE / TOO_DEEP.
   */
  function encode(root, maxChars, display) {
    var out = '';
    var seen = new SetF();
    var stack = create(null), sp = 0;
    function put(s) { out += s; if (out.length > maxChars) throw TOO_LARGE; }
    function special(kind, payload, text) {
      if (display) put(text);
      else put('{' + jsonStringify(MARK) + ':' + jsonStringify(kind + payload) + '}');
    }
    function open(o) {
      if (apply(setHas, seen, [o])) { special('c', '', '[Circular]'); return; }
      if (sp >= cfg.maxDepth) throw TOO_DEEP;
      var proto = getProto(o);
      if (proto === NumberProto || proto === StringProto || proto === BooleanProto) {
        var p = unbox(o, proto);
        if (p !== NOT_BOXED) { value(p, ''); return; }
      }
      if (proto === MapProto || proto === SetProto) {
        try {
          var size = apply(proto === MapProto ? mapSize : setSize, o, []);
          var what = (proto === MapProto ? 'Map(' : 'Set(') + size + ')';
          special('o', what, what);
          return;
        } catch (e) {}
      }
      if (display && o instanceof ErrorF) { put(errorText(o)); return; }
      var arr = false, n = 0, ks = null;
      if (isArray(o)) { arr = true; n = o.length; }
      else if (isView(o)) {
        try { n = apply(taLength, o, []); arr = true; } catch (e) { ks = keys(o); n = ks.length; }
      } else { ks = keys(o); n = ks.length; }
      n = +n;
      if (!(n >= 0)) n = 0;
      apply(setAdd, seen, [o]);
      put(arr ? '[' : '{');
      stack[sp++] = { o: o, ks: ks, arr: arr, i: 0, n: n };
    }
    function value(v, key) {
      if (v !== null && typeof v === 'object') {
        var toJSON = v.toJSON;
        if (typeof toJSON === 'function') v = apply(toJSON, v, [key]);
      }
      switch (typeof v) {
        case 'string': put(jsonStringify(v)); return;
        case 'number':
          if (v !== v) special('n', 'NaN', 'NaN');
          else if (v === 1 / 0) special('n', 'Infinity', 'Infinity');
          else if (v === -1 / 0) special('n', '-Infinity', '-Infinity');
          else put(StringF(v));
          return;
        case 'boolean': put(v ? 'true' : 'false'); return;
        case 'undefined': special('u', '', 'undefined'); return;
        case 'bigint':
          var digits = apply(bigToString, v, []);
          special('b', digits, digits + 'n');
          return;
        case 'symbol':
          var desc = apply(symDesc, v, []);
          var d = desc === undefined ? '' : desc;
          special(desc === undefined ? 'S' : 's', d, 'Symbol(' + d + ')');
          return;
        case 'function':
          var name = fnName(v);
          special('f', name, name ? '[Function ' + name + ']' : '[Function]');
          return;
      }
      if (v === null) { put('null'); return; }
      open(v);
    }
    try {
      value(root, '');
      while (sp > 0) {
        var f = stack[sp - 1];
        if (f.i >= f.n) {
          put(f.arr ? ']' : '}');
          apply(setDelete, seen, [f.o]);
          stack[--sp] = undefined;
          continue;
        }
        var i = f.i;
        f.i = i + 1;
        if (i > 0) put(',');
        if (f.arr) value(f.o[i], StringF(i));
        else {
          var k = f.ks[i];
          put(jsonStringify(k) + ':');
          value(f.o[k], k);
        }
      }
    } catch (e) {
      if (display && e === TOO_LARGE) return apply(strSlice, out, [0, maxChars]) + '…';
      if (display && e === TOO_DEEP) return out + '…';
      throw e;
    }
    return out;
  }

  function readString(get, fallback) {
    try {
      var v = get();
      return typeof v === 'string' ? v : v === undefined ? '' : StringF(v);
    } catch (e) { return fallback; }
  }

  function errorText(e) {
    var name = readString(function () { return e.name; }, '') || 'Error';
    var message = readString(function () { return e.message; }, '(message could not be read)');
    return message ? name + ': ' + message : name;
  }

  // ------------------------------------------------------------------------------------ console
  var lines = [];
  var consoleChars = 0, consoleFull = false;
  function append(s) {
    defineProperty(lines, lines.length, { value: s, writable: true, enumerable: true, configurable: true });
  }
  function truncate() {
    if (!consoleFull) { consoleFull = true; append('… output truncated'); }
  }
  function record(args, prefix) {
    if (consoleFull) return;
    if (lines.length >= cfg.maxConsoleLines || consoleChars >= cfg.maxConsoleChars) { truncate(); return; }
    var budget = cfg.maxConsoleChars - consoleChars;
    var text = prefix;
    for (var i = 0; i < args.length; i++) {
      if (i > 0 || prefix) text += ' ';
      var a = args[i];
      if (typeof a === 'string') text += a;
      else {
        try { text += encode(a, budget, true); }
        catch (e) { text += e === TOO_LARGE || e === TOO_DEEP ? '…' : '[unprintable value]'; }
      }
      if (text.length > budget) break;
    }
    if (text.length > budget) {
      append(apply(strSlice, text, [0, budget]));
      truncate();
      return;
    }
    append(text);
    consoleChars += text.length;
  }
  function method(prefix) { return function () { record(arguments, prefix); }; }
  var timers = create(null), counters = create(null);
  var consoleObject = {
    log: method(''), info: method(''), debug: method(''), warn: method(''), error: method(''),
    trace: method('Trace:'), dir: method(''), table: method(''), group: method(''), groupCollapsed: method(''),
    groupEnd: function () {},
    assert: function (cond) {
      if (cond) return;
      var rest = [];
      for (var i = 1; i < arguments.length; i++) defineProperty(rest, i - 1, { value: arguments[i], writable: true, enumerable: true, configurable: true });
      record(rest, 'Assertion failed' + (rest.length ? ':' : ''));
    },
    time: function (label) { timers[label === undefined ? 'default' : StringF(label)] = dateNow(); },
    timeEnd: function (label) {
      var l = label === undefined ? 'default' : StringF(label);
      var t = timers[l];
      if (t !== undefined) record([l + ': ' + (dateNow() - t) + ' ms'], '');
    },
    count: function (label) {
      var l = label === undefined ? 'default' : StringF(label);
      counters[l] = (counters[l] || 0) + 1;
      record([l + ': ' + counters[l]], '');
    }
  };
  defineProperty(G, 'console', { value: consoleObject, writable: true, enumerable: false, configurable: true });

  // ----------------------------------------------------------------- JSON.stringify depth guard
  /** True when an object graph (data properties only) is nested deeper than limit. Iterative. */
  function deeperThan(root, limit) {
    var st = create(null), ds = create(null), sp = 0;
    var depthSeen = new MapF();
    st[sp] = root; ds[sp] = 1; sp++;
    while (sp > 0) {
      sp--;
      var o = st[sp], d = ds[sp];
      st[sp] = undefined;
      if (d > limit) return true;
      var before = apply(mapGet, depthSeen, [o]);
      if (before !== undefined && before >= d) continue;
      apply(mapSet, depthSeen, [o, d]);
      if (isView(o)) continue;
      if (isArray(o)) {
        var n = o.length;
        for (var i = 0; i < n; i++) {
          var x = o[i];
          if (x !== null && typeof x === 'object') { st[sp] = x; ds[sp] = d + 1; sp++; }
        }
      } else {
        var ks = keys(o);
        for (var j = 0; j < ks.length; j++) {
          var desc = gopd(o, ks[j]);
          if (desc && hasOwn(desc, 'value')) {
            var y = desc.value;
            if (y !== null && typeof y === 'object') { st[sp] = y; ds[sp] = d + 1; sp++; }
          }
        }
      }
    }
    return false;
  }
  var stringify = function stringify(value, replacer, space) {
    if (value !== null && typeof value === 'object' && deeperThan(value, cfg.maxJsonDepth)) {
      throw new RangeErrorF('Maximum call stack size exceeded (JSON.stringify of a value nested more than ' + cfg.maxJsonDepth + ' levels deep)');
    }
    return apply(jsonStringify, JSONo, [value, replacer, space]);
  };
  defineProperty(JSONo, 'stringify', { value: stringify, writable: true, enumerable: false, configurable: true });

  /** True when JSON text opens more than limit nested arrays/objects (linear scan, strings skipped). */
  function jsonTextTooDeep(text, limit) {
    if (text.length <= limit) return false;
    var depth = 0, inString = false;
    for (var i = 0; i < text.length; i++) {
      var c = apply(charCodeAt, text, [i]);
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
      } else if (c === 34) inString = true;
      else if (c === 91 || c === 123) { if (++depth > limit) return true; }
      else if (c === 93 || c === 125) depth--;
    }
    return false;
  }
  var parse = function parse(text, reviver) {
    var s = StringF(text);
    if (jsonTextTooDeep(s, cfg.maxJsonDepth)) {
      throw new RangeErrorF('Maximum call stack size exceeded (JSON.parse of a value nested more than ' + cfg.maxJsonDepth + ' levels deep)');
    }
    return apply(jsonParse, JSONo, [s, reviver]);
  };
  defineProperty(JSONo, 'parse', { value: parse, writable: true, enumerable: false, configurable: true });

  /** True when nested arrays go deeper than limit (iterative; arrays only, as flat() only descends into those). */
  function arraysDeeperThan(root, limit) {
    var st = create(null), ds = create(null), sp = 0;
    st[sp] = root; ds[sp] = 1; sp++;
    while (sp > 0) {
      sp--;
      var a = st[sp], d = ds[sp];
      st[sp] = undefined;
      if (d > limit) return true;
      var n = a.length;
      for (var i = 0; i < n; i++) {
        var x = a[i];
        if (isArray(x)) { st[sp] = x; ds[sp] = d + 1; sp++; }
      }
    }
    return false;
  }
  var flat = function flat() {
    var depth = arguments.length > 0 && arguments[0] !== undefined ? +arguments[0] : 1;
    if (depth > cfg.maxJsonDepth && isArray(this) && arraysDeeperThan(this, cfg.maxJsonDepth)) {
      throw new RangeErrorF('Maximum call stack size exceeded (flat() of arrays nested more than ' + cfg.maxJsonDepth + ' levels deep)');
    }
    return apply(originalFlat, this, arguments);
  };
  defineProperty(Array.prototype, 'flat', { value: flat, writable: true, enumerable: false, configurable: true });

  var join = function join(separator) {
    if (isArray(this)) {
      var n = this.length, nested = false;
      for (var i = 0; i < n && !nested; i++) nested = isArray(this[i]);
      if (nested && arraysDeeperThan(this, cfg.maxJoinDepth)) {
        throw new RangeErrorF('Maximum call stack size exceeded (converting arrays nested more than ' + cfg.maxJoinDepth + ' levels deep to a string)');
      }
    }
    return apply(originalJoin, this, arguments);
  };
  defineProperty(Array.prototype, 'join', { value: join, writable: true, enumerable: false, configurable: true });

  var boundDepth = new WeakMapF();
  var bind = function bind(thisArg) {
    var d = (apply(wmGet, boundDepth, [this]) || 0) + 1;
    if (d > cfg.maxBindDepth) {
      throw new RangeErrorF('Maximum call stack size exceeded (more than ' + cfg.maxBindDepth + ' nested bind() calls)');
    }
    var bound = apply(originalBind, this, arguments);
    apply(wmSet, boundDepth, [bound, d]);
    return bound;
  };
  defineProperty(Function.prototype, 'bind', { value: bind, writable: true, enumerable: false, configurable: true });

  // --------------------------------------------------- eval / Function: nesting checked first
  function checkSource(src) {
    var problem = hostCheck(src);
    if (problem !== undefined) throw new SyntaxErrorF(problem);
  }
  var evalWrapper = function (x) {
    if (typeof x === 'string') checkSource(x);
    return originalEval(x);
  };
  defineProperty(evalWrapper, 'name', { value: 'eval' });
  defineProperty(G, 'eval', { value: evalWrapper, writable: true, enumerable: false, configurable: true });

  function guardConstructor(Original, prefix) {
    var Wrapper = function () {
      var n = arguments.length, list = [], params = '';
      for (var i = 0; i < n; i++) {
        var s = StringF(arguments[i]);
        defineProperty(list, i, { value: s, writable: true, enumerable: true, configurable: true });
        if (i < n - 1) params += (i ? ',' : '') + s;
      }
      checkSource('(' + prefix + ' anonymous(' + params + '\n) {\n' + (n ? list[n - 1] : '') + '\n})');
      return construct(Original, list);
    };
    defineProperty(Wrapper, 'name', { value: Original.name });
    defineProperty(Wrapper, 'length', { value: 1 });
    defineProperty(Wrapper, 'prototype', { value: Original.prototype, writable: false });
    defineProperty(Original.prototype, 'constructor', { value: Wrapper, writable: true, enumerable: false, configurable: true });
    return Wrapper;
  }
  defineProperty(G, 'Function', { value: guardConstructor(Function, 'function'), writable: true, enumerable: false, configurable: true });
  guardConstructor(getProto(function* () {}).constructor, 'function*');
  guardConstructor(getProto(async function () {}).constructor, 'async function');
  guardConstructor(getProto(async function* () {}).constructor, 'async function*');

  // ------------------------------------------------------------------------------- host API
  return {
    lines: lines,
    lookup: function (name) {
      return originalEval('typeof ' + name + " === 'function' ? " + name + ' : undefined');
    },
    invoke: function (fn, inputJson) {
      var args = jsonParse(inputJson);
      return apply(fn, undefined, isArray(args) ? args : [args]);
    },
    copyOut: function (v) {
      try { return 'J' + encode(v, cfg.maxOutput, false); }
      catch (e) {
        if (e === TOO_LARGE) return 'L';
        if (e === TOO_DEEP) return 'D';
        throw e;
      }
    },
    describe: function (e) {
      var name = '', message = '', stack = '', thrown = null;
      try {
        if (e !== null && typeof e === 'object' && e instanceof ErrorF) {
          name = clip(readString(function () { return e.name; }, ''), 200);
          message = clip(readString(function () { return e.message; }, '(message could not be read)'), 2000);
          stack = clip(readString(function () { return e.stack; }, ''), 4000);
        } else {
          thrown = encode(e, 300, true);
        }
      } catch (x) {
        if (thrown === null) thrown = '(unreadable value)';
      }
      return '{"name":' + jsonStringify(name) + ',"message":' + jsonStringify(message) + ',"stack":' +
        jsonStringify(stack) + ',"thrown":' + (thrown === null ? 'null' : jsonStringify(thrown)) + '}';
    }
  };
})`;

// ----------------------------------------------------------------------------------------- helpers

interface ErrorInfo {
  name: string;
  message: string;
  stack: string;
  /** Set when something other than an Error was thrown (display text of the value). */
  thrown: string | null;
}

interface CompileProblem {
  message: string;
  line?: number;
  column?: number;
}

/** Thrown when a test cannot continue: the outcome is already decided (error message). */
class TestStop {
  constructor(readonly message: string) {}
}

/** A failure of the host or the wasm module itself (not of the candidate's code): the worker must restart. */
class SandboxCrash {
  constructor(
    readonly cause: unknown,
    readonly testError: string,
  ) {}
}

function clampNumber(v: unknown, fallback: number, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  return Math.min(max, Math.max(min, v));
}

/** The request's limits merged over the defaults and clamped to sane ranges. */
export function resolveLimits(limits?: Partial<RunLimits>): RunLimits {
  const l = limits ?? {};
  const d = DEFAULT_LIMITS;
  return {
    memoryMb: clampNumber(l.memoryMb, d.memoryMb, 1, 2048),
    stackKb: Math.round(clampNumber(l.stackKb, d.stackKb, 16, 8192)),
    deadlineMs: clampNumber(l.deadlineMs, d.deadlineMs, 1, 600_000),
    maxSourceBytes: Math.round(clampNumber(l.maxSourceBytes, d.maxSourceBytes, 1, 50 * MB)),
    maxOutputBytes: Math.round(clampNumber(l.maxOutputBytes, d.maxOutputBytes, 64, 50 * MB)),
    maxConsoleLines: Math.round(clampNumber(l.maxConsoleLines, d.maxConsoleLines, 0, 1_000_000)),
  };
}

function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : Number(s.toPrecision(3))} s`;
}

function formatMb(mb: number): string {
  return `${Number.isInteger(mb) ? mb : Number(mb.toPrecision(3))} MB`;
}

/** Decimal units, so the default 100_000-byte limits read "100 KB". */
function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Number((bytes / 1000).toPrecision(3))} KB`;
  return `${Number((bytes / 1_000_000).toPrecision(3))} MB`;
}

export function timeLimitMessage(limits: RunLimits): string {
  return `Time limit exceeded (${formatSeconds(limits.deadlineMs)})`;
}

export function memoryLimitMessage(limits: RunLimits): string {
  return `Memory limit exceeded (${formatMb(limits.memoryMb)})`;
}

export const STACK_OVERFLOW_MESSAGE = 'Stack overflow (too much recursion)';

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** `export function f` → `       function f` (same length: lines and columns are unchanged). */
function stripExports(code: string): string {
  const blank = (m: string): string => m.replace(/[^\n]/g, ' ');
  return code
    .replace(/^([ \t]*)export[ \t]+(?:default[ \t]+)?(?=(?:async[ \t]+)?function\b|class\b|const\b|let\b|var\b)/gm, (m, indent: string) => indent + ' '.repeat(m.length - indent.length))
    .replace(/^[ \t]*export[ \t]*\{[^}]*\}[ \t]*;?/gm, blank);
}

function isHostStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function errorSummary(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Line (and column) of the first frame in the candidate's file. */
function locate(stack: string, file: string): { line?: number; column?: number } {
  const esc = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${esc}:(\\d+)(?::(\\d+))?`).exec(stack);
  if (!m) return {};
  return { line: Number(m[1]), column: m[2] === undefined ? undefined : Number(m[2]) };
}

function isStackOverflowText(name: string, message: string): boolean {
  return /^stack overflow$/i.test(message) || /maximum call stack size exceeded/i.test(message) || (name === 'InternalError' && /stack overflow/i.test(message));
}

/** A clear, single-line message for an error that stopped the candidate's code. */
function describeFailure(info: ErrorInfo, limits: RunLimits, file: string): string {
  if (info.thrown !== null) return `Uncaught exception: ${info.thrown}`;
  const name = info.name || 'Error';
  const { line } = locate(info.stack, file);
  const where = line === undefined ? '' : ` (line ${line})`;
  if (name === 'InternalError' && /out of memory/i.test(info.message)) return memoryLimitMessage(limits);
  if (name === 'InternalError' && info.message === 'interrupted') return timeLimitMessage(limits);
  if (isStackOverflowText(name, info.message)) return STACK_OVERFLOW_MESSAGE + (line === undefined ? '' : ` at line ${line}`);
  return `${name}: ${info.message}${where}`;
}

function contextPointer(ctx: QuickJSContext): number | undefined {
  const p = (ctx as unknown as { ctx?: { value?: unknown } }).ctx?.value;
  return typeof p === 'number' && p > 0 ? p : undefined;
}

/**
 * Checks, once per module, that JSContext.interrupt_counter really is at QJS_COUNTER_OFFSET: the handler
 * sets it to 1 whenever it reads exactly QJS_COUNTER_INIT there (the value QuickJS has just stored before
 * calling the handler); if that is the counter, a 200-iteration loop then polls ~200 times instead of
 * once. Returns the offset, or null (the tuning is then simply off).
 */
function calibratePollCounter(quickjs: QuickJSWASMModule): number | null {
  let memory: WebAssembly.Memory;
  try {
    memory = quickjs.getWasmMemory();
  } catch {
    return null;
  }
  const rt = quickjs.newRuntime();
  try {
    const ctx = rt.newContext();
    try {
      const ptr = contextPointer(ctx);
      if (ptr === undefined || (ptr + QJS_COUNTER_OFFSET) % 4 !== 0) return null;
      const addr = ptr + QJS_COUNTER_OFFSET;
      let calls = 0;
      rt.setInterruptHandler(() => {
        calls++;
        if (addr + 4 <= memory.buffer.byteLength) {
          const view = new Int32Array(memory.buffer, addr, 1);
          if (view[0] === QJS_COUNTER_INIT) view[0] = 1;
        }
        return calls > 100_000;
      });
      const r = ctx.evalCode('for (var i = 0; i < 200; i++) {}', 'calibrate.js');
      if (r.error) {
        r.error.dispose();
        return null;
      }
      r.value.dispose();
      return calls >= 100 ? QJS_COUNTER_OFFSET : null;
    } finally {
      ctx.dispose();
    }
  } finally {
    rt.dispose();
  }
}

interface GrowGuard {
  /** Called before the wasm memory grows to `bytes`; false refuses the growth. Null between tests. */
  onGrow: ((bytes: number) => boolean) | null;
}

/**
 * Wraps the module's WebAssembly.Memory#grow (an own property on the instance; emscripten calls
 * `memory.grow(pages)` inside try/catch and treats a throw as "no more memory", so malloc returns NULL and
 * QuickJS throws its out-of-memory error). Lets the runner see growth the moment it happens.
 */
function installGrowGuard(memory: WebAssembly.Memory): GrowGuard {
  const guard: GrowGuard = { onGrow: null };
  const original = memory.grow;
  Object.defineProperty(memory, 'grow', {
    configurable: true,
    writable: true,
    value: function grow(this: WebAssembly.Memory, delta: number): number {
      const target = this.buffer.byteLength + Math.max(0, delta) * WASM_PAGE;
      if (target > WASM_MAX_BYTES) throw new RangeError('sandbox memory cap');
      if (guard.onGrow && !guard.onGrow(target)) throw new RangeError('sandbox memory cap');
      return original.call(this, delta);
    },
  });
  return guard;
}

const growGuards = new WeakMap<WebAssembly.Memory, GrowGuard>();
const pollOffsets = new WeakMap<QuickJSWASMModule, number | null>();
const brokenModules = new WeakSet<QuickJSWASMModule>();

// ------------------------------------------------------------------------------------------ runner

export function createRunner(quickjs: QuickJSWASMModule, options: RunnerOptions = {}): Runner {
  let calibrated = pollOffsets.get(quickjs);
  if (calibrated === undefined) {
    try {
      calibrated = calibratePollCounter(quickjs);
    } catch {
      calibrated = null;
    }
    pollOffsets.set(quickjs, calibrated);
  }
  const counterOffset: number | null = calibrated;
  let wasmMemory: WebAssembly.Memory | null = null;
  try {
    wasmMemory = quickjs.getWasmMemory();
  } catch {
    wasmMemory = null;
  }
  const memory = counterOffset === null ? null : wasmMemory;
  let growGuard: GrowGuard | null = null;
  if (wasmMemory) {
    growGuard = growGuards.get(wasmMemory) ?? null;
    if (!growGuard) {
      try {
        growGuard = installGrowGuard(wasmMemory);
        growGuards.set(wasmMemory, growGuard);
      } catch {
        growGuard = null;
      }
    }
  }

  const NESTED_TOO_DEEPLY = 'SyntaxError: the code is nested too deeply (stack overflow while parsing)';

  /**
   * Compiles (never runs) source in throwaway runtimes with a small stack. Returns the problem (syntax error,
   * nesting too deep, time or memory), or undefined when it compiles.
   */
  function compileProblem(source: string, file: string, limits: RunLimits, deadline: number): CompileProblem | undefined {
    const first = compileOnce(source, file, limits, deadline, COMPILE_STACK_BYTES);
    if (!first || first.message === NESTED_TOO_DEEPLY || !first.message.startsWith('SyntaxError')) return first;
    const again = compileOnce(source, file, limits, deadline, COMPILE_RECHECK_STACK_BYTES);
    const same = again && again.message === first.message && again.line === first.line && again.column === first.column;
    return same ? first : { message: NESTED_TOO_DEEPLY, line: first.line, column: first.column };
  }

  function compileOnce(source: string, file: string, limits: RunLimits, deadline: number, stackBytes: number): CompileProblem | undefined {
    const rt = quickjs.newRuntime();
    let hostFailure = false;
    try {
      rt.setMemoryLimit(Math.round(limits.memoryMb * MB));
      rt.setMaxStackSize(stackBytes);
      rt.setInterruptHandler(shouldInterruptAfterDeadline(deadline));
      const ctx = rt.newContext();
      try {
        const r = ctx.evalCode(source, file, { type: 'global', compileOnly: true });
        if (!r.error) {
          r.value.dispose();
          return undefined;
        }
        // A fresh SyntaxError from the parser: no candidate code has run, dumping it is safe.
        const raw: unknown = ctx.dump(r.error);
        r.error.dispose();
        const e = (typeof raw === 'object' && raw !== null ? raw : { message: String(raw) }) as {
          name?: unknown;
          message?: unknown;
          stack?: unknown;
          lineNumber?: unknown;
        };
        const name = typeof e.name === 'string' ? e.name : 'SyntaxError';
        const message = typeof e.message === 'string' ? e.message : String(raw);
        const pos = locate(typeof e.stack === 'string' ? e.stack : '', file);
        const line = typeof e.lineNumber === 'number' ? e.lineNumber : pos.line;
        if (isStackOverflowText(name, message)) return { message: NESTED_TOO_DEEPLY, line, column: pos.column };
        if (name === 'InternalError' && message === 'interrupted') return { message: `${timeLimitMessage(limits)} while compiling` };
        if (name === 'InternalError' && /out of memory/i.test(message)) return { message: `${memoryLimitMessage(limits)} while compiling` };
        return { message: `${name}: ${message}`, line, column: pos.column };
      } catch (e) {
        hostFailure = true;
        throw e;
      } finally {
        // After a failure inside the wasm module its state is unknown: leave it alone (the worker restarts).
        if (!hostFailure) ctx.dispose();
      }
    } catch (e) {
      hostFailure = true;
      throw e;
    } finally {
      if (!hostFailure) rt.dispose();
    }
  }

  function runTest(js: string, file: string, entry: string, test: RunRequest['tests'][number], index: number, limits: RunLimits, compare: RunRequest['compare']): TestResult {
    const result: TestResult = { index, passed: false, input: test.input, expected: test.expected, actual: undefined, ms: 0, console: [] };
    let inputJson: string;
    try {
      inputJson = JSON.stringify(test.input ?? []) ?? '[]';
    } catch (e) {
      result.error = `The test input is not JSON data (${errorSummary(e)})`;
      return result;
    }

    const handles: QuickJSHandle[] = [];
    const own = <T extends QuickJSHandle>(h: T): T => {
      handles.push(h);
      return h;
    };
    let crashed = false;
    let crash: unknown = null;
    const setCrash = (e: unknown): void => {
      if (!crashed) {
        crashed = true;
        crash = e;
      }
    };
    let interrupted = false;
    let memoryExceeded = false;
    let started = performance.now();
    const deadlineEpoch = Date.now() + limits.deadlineMs;
    const expired = shouldInterruptAfterDeadline(deadlineEpoch);

    const rt: QuickJSRuntime = quickjs.newRuntime();
    let ctx: QuickJSContext | undefined;
    try {
      rt.setMemoryLimit(Math.round(limits.memoryMb * MB));
      rt.setMaxStackSize(limits.stackKb * KB);
      const vm = rt.newContext();
      ctx = vm;
      // computeMemoryUsage builds its result in rt.context: use this context rather than a second one.
      rt.context = vm;

      // Interrupt handler: the deadline, plus the poll-interval tuning (see calibratePollCounter).
      const ptr = contextPointer(vm);
      const counterAddr = memory && ptr !== undefined && counterOffset !== null ? ptr + counterOffset : null;
      let current = QJS_COUNTER_INIT;
      let last = -1;
      // Memory: measured, since QuickJS's own limit only catches single oversized allocations here.
      const limitBytes = Math.round(limits.memoryMb * MB);
      let baseline = 0;
      let nextMemoryCheck = Number.POSITIVE_INFINITY;
      let wasmCheckedAt = wasmMemory?.buffer.byteLength ?? 0;
      const heapUsed = (): number => {
        const usage = rt.computeMemoryUsage();
        try {
          const sys = rt.context;
          if (!sys) return 0;
          const h = sys.getProp(usage, 'memory_used_size');
          try {
            return sys.getNumber(h);
          } finally {
            h.dispose();
          }
        } finally {
          usage.dispose();
        }
      };
      /** True when the candidate's heap is over the limit. */
      const overMemory = (): boolean => {
        const t = performance.now();
        let used: number;
        try {
          used = heapUsed();
        } catch {
          used = Number.POSITIVE_INFINITY;
        }
        const after = performance.now();
        nextMemoryCheck = after + Math.max(MEMORY_CHECK_MS, (after - t) * 9);
        if (wasmMemory) wasmCheckedAt = wasmMemory.buffer.byteLength;
        if (used - baseline > limitBytes) {
          memoryExceeded = true;
          return true;
        }
        return false;
      };

      /** Makes the next loop iteration or call poll the interrupt handler (see calibratePollCounter). */
      const pollSoon = (): void => {
        if (memory && counterAddr !== null && counterAddr + 4 <= memory.buffer.byteLength) {
          new Int32Array(memory.buffer, counterAddr, 1)[0] = 1;
          current = 1;
        }
      };
      const wasmAtStart = wasmMemory?.buffer.byteLength ?? 0;
      const growthBudget = wasmAtStart + 2 * limitBytes + TEST_GROWTH_MARGIN;
      if (growGuard) {
        growGuard.onGrow = (bytes) => {
          if (bytes > growthBudget) {
            memoryExceeded = true;
            pollSoon();
            return false;
          }
          pollSoon();
          return true;
        };
      }

      // Never throws: an exception here would unwind through the wasm frames.
      rt.setInterruptHandler((runtime) => {
        try {
          return onPoll(runtime);
        } catch {
          interrupted = true;
          return true;
        }
      });
      function onPoll(runtime: QuickJSRuntime): boolean {
        if (memoryExceeded) return true;
        if (expired(runtime)) {
          interrupted = true;
          return true;
        }
        if (performance.now() >= nextMemoryCheck || (wasmMemory && wasmMemory.buffer.byteLength > wasmCheckedAt + WASM_GROWTH_CHECK_BYTES)) {
          if (overMemory()) return true;
        }
        if (memory && counterAddr !== null && counterAddr + 4 <= memory.buffer.byteLength) {
          const t = performance.now();
          const view = new Int32Array(memory.buffer, counterAddr, 1);
          if (view[0] === QJS_COUNTER_INIT) {
            let next: number;
            if (last < 0) next = PROBE_TICKS;
            else {
              const dt = t - last;
              next = dt < 0.05 ? current * 4 : Math.round((current * TARGET_POLL_MS) / dt);
            }
            next = Math.max(1, Math.min(MAX_TICKS, next));
            view[0] = next;
            current = next;
          }
          last = t;
        }
        return false;
      }

      const fail = (message: string): never => {
        throw new TestStop(message);
      };

      /** Turns a VM error handle into a message (time/memory/stack limits recognised first). */
      const failure = (errorHandle: QuickJSHandle, prefix = ''): string => {
        own(errorHandle);
        if (crashed) throw crash;
        if (memoryExceeded) return memoryLimitMessage(limits);
        if (interrupted) return timeLimitMessage(limits);
        // Give the describer a little time of its own: the candidate's is used up. (Error getters may run.)
        const graceEnd = performance.now() + READOUT_GRACE_MS;
        rt.setInterruptHandler(() => performance.now() > graceEnd);
        const d = vm.callFunction(describeFn, vm.undefined, errorHandle);
        if (d.error) {
          own(d.error);
          return `${prefix}The code stopped with an error that could not be read`;
        }
        const text = vm.getString(own(d.value));
        let info: ErrorInfo;
        try {
          info = JSON.parse(text) as ErrorInfo;
        } catch {
          return `${prefix}The code stopped with an error that could not be read`;
        }
        const message = describeFailure(info, limits, file);
        const isLimit = message.startsWith('Time limit') || message.startsWith('Memory limit') || message.startsWith('Stack overflow');
        return isLimit ? message : prefix + message;
      };

      // 1. Prelude: console, guards, host API.
      const hostCheck = own(
        vm.newFunction('check', (srcHandle) => {
          try {
            const src = vm.getString(srcHandle);
            if (src.length > MAX_EVAL_SOURCE) return vm.newString(`the code given to eval/Function is too long (over ${formatBytes(MAX_EVAL_SOURCE)})`);
            // Every problem is reported here: running the real eval on code that failed could overflow the host.
            const problem = compileProblem(src, 'eval.js', limits, deadlineEpoch);
            if (!problem) return undefined;
            const where = problem.line === undefined ? '' : ` (eval line ${problem.line})`;
            return vm.newString(problem.message.replace(/^SyntaxError: /, '') + where);
          } catch (e) {
            setCrash(e);
            throw e;
          }
        }),
      );
      const cfg = own(
        vm.newString(
          JSON.stringify({
            maxConsoleLines: limits.maxConsoleLines,
            maxConsoleChars: limits.maxOutputBytes,
            maxOutput: limits.maxOutputBytes,
            maxDepth: MAX_RESULT_DEPTH,
            maxJsonDepth: MAX_JSON_DEPTH,
            maxBindDepth: MAX_BIND_DEPTH,
            maxJoinDepth: MAX_JOIN_DEPTH,
          }),
        ),
      );
      /** The prelude itself failed: only a tiny memory limit or deadline can do that. */
      const setupFailure = (errorHandle: QuickJSHandle): never => {
        own(errorHandle);
        if (interrupted) fail(timeLimitMessage(limits));
        const info: unknown = vm.dump(errorHandle);
        const message = typeof info === 'object' && info !== null ? (info as { message?: unknown }).message : info;
        if (typeof message === 'string' && /out of memory/.test(message)) fail(memoryLimitMessage(limits));
        throw new Error(`sandbox prelude failed: ${JSON.stringify(info)}`);
      };
      const preludeRes = vm.evalCode(PRELUDE, 'sandbox.js');
      if (preludeRes.error) setupFailure(preludeRes.error);
      const setup = own(preludeRes.unwrap());
      const apiRes = vm.callFunction(setup, vm.undefined, hostCheck, cfg);
      if (apiRes.error) setupFailure(apiRes.error);
      const api = own(apiRes.unwrap());
      const linesHandle = own(vm.getProp(api, 'lines'));
      const lookupFn = own(vm.getProp(api, 'lookup'));
      const invokeFn = own(vm.getProp(api, 'invoke'));
      const copyOutFn = own(vm.getProp(api, 'copyOut'));
      const describeFn = own(vm.getProp(api, 'describe'));
      // The heap the sandbox itself uses (both contexts, the prelude) is not the candidate's.
      baseline = heapUsed();
      nextMemoryCheck = performance.now() + MEMORY_CHECK_MS;

      const readConsole = (): string[] => {
        const out: string[] = [];
        const n = vm.getNumber(own(vm.getProp(linesHandle, 'length')));
        for (let i = 0; i < n && i <= limits.maxConsoleLines + 1; i++) {
          const h = vm.getProp(linesHandle, i);
          try {
            if (vm.typeof(h) === 'string') out.push(vm.getString(h));
          } finally {
            h.dispose();
          }
        }
        return out;
      };

      // The prelude's fast polls may have raised the poll interval: start the candidate's code at 1.
      pollSoon();
      last = -1;
      started = performance.now();
      try {
        // 2. The candidate's code (top level), then the entry function with the input parsed in the VM.
        const evalRes = vm.evalCode(js, file);
        if (crashed) throw crash;
        if (evalRes.error) fail(failure(evalRes.error));
        else own(evalRes.value);

        const entryName = own(vm.newString(entry));
        const lookupRes = vm.callFunction(lookupFn, vm.undefined, entryName);
        if (lookupRes.error) fail(failure(lookupRes.error));
        const fn = own(lookupRes.unwrap());
        if (vm.typeof(fn) !== 'function') {
          fail(`No function named "${entry}" was found: define function ${entry}(…) in your code`);
        }

        const input = own(vm.newString(inputJson));
        const callRes = vm.callFunction(invokeFn, vm.undefined, fn, input);
        if (crashed) throw crash;
        if (callRes.error) fail(failure(callRes.error));
        const value = own(callRes.unwrap());

        // 3. A bounded number of promise jobs (then-callbacks may still log); never an unbounded loop.
        const jobs = rt.executePendingJobs(MAX_PENDING_JOBS);
        if (crashed) throw crash;
        if (jobs.error) own(jobs.error);
        if (memoryExceeded) fail(memoryLimitMessage(limits));
        if (interrupted) fail(timeLimitMessage(limits));

        const state = vm.getPromiseState(value);
        if (!(state.type === 'fulfilled' && state.notAPromise)) {
          if (state.type === 'fulfilled') state.value.dispose();
          else if (state.type === 'rejected') state.error.dispose();
          fail('async functions are not supported: return a value');
        }

        // 4. Copy the result out as JSON made inside the VM (still under the candidate's limits).
        const outRes = vm.callFunction(copyOutFn, vm.undefined, value);
        if (crashed) throw crash;
        if (outRes.error) fail(failure(outRes.error, 'Error while reading the returned value: '));
        const text = vm.getString(own(outRes.unwrap()));
        const elapsed = performance.now() - started;
        if (elapsed > limits.deadlineMs) fail(timeLimitMessage(limits));
        // Allocations made in one native call after the last poll are caught here.
        if (overMemory()) fail(memoryLimitMessage(limits));

        if (text === 'L') fail(`Output too large: the returned value is over ${formatBytes(limits.maxOutputBytes)} as JSON`);
        if (text === 'D') fail(`Output too large: the returned value is nested more than ${MAX_RESULT_DEPTH} levels deep`);
        const decoded = decode(JSON.parse(text.slice(1)) as unknown);
        result.actual = decoded.display;
        result.passed = !decoded.opaque && compareValues(decoded.compare, test.expected, compare);
        if (!result.passed) {
          result.diff =
            describeDiff(decoded.compare, test.expected, compare) ||
            `expected ${formatValue(test.expected, 60)}, got ${typeof decoded.display === 'string' ? decoded.display : formatValue(decoded.display, 60)}`;
        }
      } catch (e) {
        if (!(e instanceof TestStop)) throw e;
        result.error = e.message;
      } finally {
        result.ms = Math.round((performance.now() - started) * 10) / 10;
        // The clock check also covers work the interrupt handler could not see.
        if (!result.error && result.ms > limits.deadlineMs) {
          result.passed = false;
          result.error = timeLimitMessage(limits);
        }
        if (!crashed) {
          try {
            result.console = readConsole();
          } catch {
            // Console lines are best effort once the VM is out of memory.
          }
        }
      }
    } catch (e) {
      if (e instanceof TestStop) {
        result.error = e.message;
      } else {
        setCrash(e);
      }
    } finally {
      if (growGuard) growGuard.onGrow = null;
      if (!crashed) {
        try {
          for (let i = handles.length - 1; i >= 0; i--) {
            const h = handles[i];
            if (h?.alive) h.dispose();
          }
          ctx?.dispose();
          rt.dispose();
        } catch (e) {
          setCrash(e);
        }
      }
    }
    if (crashed) {
      const error = isHostStackOverflow(crash) ? STACK_OVERFLOW_MESSAGE : 'The sandbox crashed while running this test';
      throw new SandboxCrash(crash, error);
    }
    return result;
  }

  function failed(base: Pick<RunResult, 'total'>, t0: number, extra: Partial<RunResult>): RunResult {
    return { ok: false, results: [], passed: 0, total: base.total, ms: Math.round(performance.now() - t0), ...extra };
  }

  const runner: Runner = {
    get broken() {
      return brokenModules.has(quickjs);
    },
    run(req: RunRequest): RunResult {
      const t0 = performance.now();
      const tests = Array.isArray(req.tests) ? req.tests : [];
      const base = { total: tests.length };
      if (brokenModules.has(quickjs)) return failed(base, t0, { fatal: 'The sandbox crashed earlier and must restart.' });

      const limits = resolveLimits(req.limits);
      const entry = String(req.entry ?? '');
      if (!ENTRY_NAME.test(entry) || RESERVED.has(entry)) {
        return failed(base, t0, { compileError: { message: `"${entry}" is not a valid function name` } });
      }
      const code = typeof req.code === 'string' ? req.code : '';
      const size = utf8Length(code);
      if (size > limits.maxSourceBytes) {
        return failed(base, t0, {
          compileError: { message: `Your code is too long: ${formatBytes(size)} (the limit is ${formatBytes(limits.maxSourceBytes)})` },
        });
      }

      let js = code;
      const file = req.language === 'ts' ? 'solution.ts' : 'solution.js';
      if (req.language === 'ts') {
        if (!options.transpileTs) return failed(base, t0, { compileError: { message: 'TypeScript support is not loaded' } });
        const t = options.transpileTs(code);
        if ('error' in t) return failed(base, t0, { compileError: t.error });
        js = t.code;
      }

      const results: TestResult[] = [];
      let passed = 0;
      try {
        // Compile first in a small-stack runtime: syntax errors (and pathological nesting) stop here.
        const compileDeadline = Date.now() + limits.deadlineMs;
        let problem = compileProblem(js, file, limits, compileDeadline);
        if (problem && /^[ \t]*export\b/m.test(js)) {
          const stripped = stripExports(js);
          if (!compileProblem(stripped, file, limits, compileDeadline)) {
            js = stripped;
            problem = undefined;
          }
        }
        if (problem) return failed(base, t0, { compileError: problem });

        for (let i = 0; i < tests.length; i++) {
          const test = tests[i];
          if (!test) continue;
          const r = runTest(js, file, entry, test, i, limits, req.compare);
          results.push(r);
          if (r.passed) passed++;
        }
      } catch (e) {
        brokenModules.add(quickjs);
        const crash = e instanceof SandboxCrash ? e : new SandboxCrash(e, 'The sandbox crashed while running this test');
        const index = results.length;
        const test = tests[index];
        if (test) {
          results.push({ index, passed: false, input: test.input, expected: test.expected, actual: undefined, error: crash.testError, ms: 0, console: [] });
        }
        return {
          ok: false,
          fatal: `The sandbox crashed (${errorSummary(crash.cause)}) and will restart for the next run.`,
          results,
          passed,
          total: tests.length,
          ms: Math.round(performance.now() - t0),
        };
      }
      const wasmBytes = wasmMemory?.buffer.byteLength ?? 0;
      if (wasmBytes > WASM_RECYCLE_BYTES) {
        // WebAssembly memory never shrinks: give it back by restarting the worker.
        brokenModules.add(quickjs);
        return {
          ok: false,
          fatal: `The sandbox's memory grew to ${Math.round(wasmBytes / MB)} MB; it will restart for the next run.`,
          results,
          passed,
          total: tests.length,
          ms: Math.round(performance.now() - t0),
        };
      }
      return { ok: true, results, passed, total: tests.length, ms: Math.round(performance.now() - t0) };
    },
  };
  return runner;
}

// ------------------------------------------------------------------------------------------ decoding

interface Decoded {
  /** JSON-safe value for TestResult.actual (exotic values become descriptions). */
  display: unknown;
  /** Value for compareValues/describeDiff (undefined, NaN, bigint, symbol, function restored). */
  compare: unknown;
  /** Contains something that must never count as a pass (a cycle, a Map…). */
  opaque: boolean;
}

function defineData(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
}

/** Rebuilds the serializer's JSON on the host: plain data only, `__proto__` keys kept as data. */
function decode(json: unknown): Decoded {
  let opaque = false;
  const walk = (v: unknown): [unknown, unknown] => {
    if (Array.isArray(v)) {
      const d: unknown[] = [];
      const c: unknown[] = [];
      for (const x of v) {
        const [dx, cx] = walk(x);
        d.push(dx);
        c.push(cx);
      }
      return [d, c];
    }
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const ks = Object.keys(o);
      const tag = o[MARK];
      if (ks.length === 1 && ks[0] === MARK && typeof tag === 'string') return special(tag);
      const d: Record<string, unknown> = {};
      const c: Record<string, unknown> = {};
      for (const k of ks) {
        const [dx, cx] = walk(o[k]);
        defineData(d, k, dx);
        defineData(c, k, cx);
      }
      return [d, c];
    }
    return [v, v];
  };
  const special = (tag: string): [unknown, unknown] => {
    const kind = tag.charAt(0);
    const payload = tag.slice(1);
    switch (kind) {
      case 'u':
        return ['undefined', undefined];
      case 'n':
        return [payload, Number(payload)];
      case 'b':
        try {
          return [`${payload}n`, BigInt(payload)];
        } catch {
          return [`${payload}n`, `${payload}n`];
        }
      case 's':
        return [`Symbol(${payload})`, Symbol(payload)];
      case 'S':
        return ['Symbol()', Symbol()];
      case 'f': {
        const f = function () {};
        Object.defineProperty(f, 'name', { value: payload });
        return [payload ? `[Function ${payload}]` : '[Function]', f];
      }
      case 'c':
        opaque = true;
        return ['[Circular]', '[Circular]'];
      default:
        opaque = true;
        return [payload, payload];
    }
  };
  const [display, compare] = walk(json);
  return { display, compare, opaque };
}
