// The WebIDL and Request-constructor layer of fetch(): the classes a page
// sees (Headers, Response, AbortController, AbortSignal, URLSearchParams,
// DOMException) and the conversion of fetch()'s arguments. The request
// itself is made in Go (fetch.go) by corsfetch's Transport, which runs the
// header guard, the CORS protocol and the response filtering.
//
// It is evaluated as a function of (global, native); native holds the Go
// functions start(request) and utf8(arrayBuffer).
(function (global, native) {
  'use strict';

  class DOMException extends Error {
    constructor(message = '', name = 'Error') {
      super(message);
      this.name = name;
    }
  }

  // Keys of the internals fetch() reaches that a page must not call.
  const pairs = Symbol('pairs');
  const immutable = Symbol('immutable');
  const abortSignal = Symbol('abort');

  // Headers: a header list without a guard. The Transport applies the
  // request guard; a Response's Headers is immutable.
  // See https://fetch.spec.whatwg.org/#headers-class.
  const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const wsRe = /^[\t\n\r ]+|[\t\n\r ]+$/g;
  function checkName(name) {
    name = String(name);
    if (!tokenRe.test(name)) throw new TypeError(`Invalid name: ${JSON.stringify(name)}`);
    return name;
  }
  function normalizeValue(value) {
    value = String(value).replace(wsRe, '');
    if (/[\0\r\n]/.test(value)) throw new TypeError(`Invalid value: ${JSON.stringify(value)}`);
    return value;
  }

  class Headers {
    #list = []; // [name, value] pairs, names as given
    #immutable = false;

    constructor(init) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        for (const [n, v] of init.#list) this.append(n, v);
      } else if (typeof init === 'object' && typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = [...pair];
          if (p.length !== 2) throw new TypeError('Each header pair must be [name, value]');
          this.append(p[0], p[1]);
        }
      } else if (typeof init === 'object') {
        for (const k of Object.keys(init)) this.append(k, init[k]);
      } else {
        throw new TypeError('Headers init must be an object, an array of pairs or a Headers');
      }
    }

    static [immutable](list) {
      const h = new Headers(list);
      h.#immutable = true;
      return h;
    }

    #mutate() {
      if (this.#immutable) throw new TypeError('Headers are immutable');
    }
    append(name, value) {
      this.#mutate();
      this.#list.push([checkName(name), normalizeValue(value)]);
    }
    delete(name) {
      this.#mutate();
      const n = checkName(name).toLowerCase();
      this.#list = this.#list.filter(([k]) => k.toLowerCase() !== n);
    }
    get(name) {
      const n = checkName(name).toLowerCase();
      const vs = this.#list.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);
      return vs.length ? vs.join(', ') : null;
    }
    has(name) {
      const n = checkName(name).toLowerCase();
      return this.#list.some(([k]) => k.toLowerCase() === n);
    }
    set(name, value) {
      this.#mutate();
      const n = checkName(name);
      const v = normalizeValue(value);
      const i = this.#list.findIndex(([k]) => k.toLowerCase() === n.toLowerCase());
      this.delete(n);
      this.#list.splice(i < 0 ? this.#list.length : i, 0, [n, v]);
    }
    // Sort and combine: lowercase names in order, values joined by ", ".
    // See https://fetch.spec.whatwg.org/#concept-header-list-sort-and-combine.
    *entries() {
      const names = [...new Set(this.#list.map(([k]) => k.toLowerCase()))].sort();
      for (const n of names) yield [n, this.get(n)];
    }
    *keys() { for (const [n] of this.entries()) yield n; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    forEach(callback, thisArg) {
      for (const [n, v] of this.entries()) callback.call(thisArg, v, n, this);
    }
    [pairs]() { return this.#list.map(([n, v]) => [n, v]); }
  }

  // AbortSignal and AbortController, enough for fetch()'s signal.
  // See https://dom.spec.whatwg.org/#interface-abortcontroller.
  const signalKey = Symbol('AbortSignal');
  class AbortSignal {
    #aborted = false;
    #reason = undefined;
    #listeners = [];
    onabort = null;

    constructor(key) {
      if (key !== signalKey) throw new TypeError('Illegal constructor');
    }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }
    addEventListener(type, fn) { if (type === 'abort' && typeof fn === 'function') this.#listeners.push(fn); }
    removeEventListener(type, fn) { this.#listeners = this.#listeners.filter((f) => f !== fn); }
    static abort(reason) {
      const s = new AbortSignal(signalKey);
      s[abortSignal](reason);
      return s;
    }
    [abortSignal](reason) {
      if (this.#aborted) return;
      this.#aborted = true;
      this.#reason = reason === undefined ? new DOMException('signal is aborted without reason', 'AbortError') : reason;
      const ev = { type: 'abort', target: this };
      if (typeof this.onabort === 'function') this.onabort(ev);
      for (const fn of this.#listeners) fn.call(this, ev);
    }
  }
  class AbortController {
    #signal = new AbortSignal(signalKey);
    get signal() { return this.#signal; }
    abort(reason) { this.#signal[abortSignal](reason); }
  }

  // URLSearchParams, with the application/x-www-form-urlencoded serializer.
  // See https://url.spec.whatwg.org/#interface-urlsearchparams.
  function formEncode(s) {
    return encodeURIComponent(s)
      .replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
      .replace(/%20/g, '+');
  }
  function formDecode(s) {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  }
  class URLSearchParams {
    #list = [];
    constructor(init = '') {
      if (init instanceof URLSearchParams) {
        this.#list = init.#list.map((p) => [...p]);
      } else if (typeof init === 'object' && init !== null && typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = [...pair];
          if (p.length !== 2) throw new TypeError('Each pair must be [name, value]');
          this.append(p[0], p[1]);
        }
      } else if (typeof init === 'object' && init !== null) {
        for (const k of Object.keys(init)) this.append(k, init[k]);
      } else {
        let s = String(init);
        if (s.startsWith('?')) s = s.slice(1);
        for (const part of s.split('&')) {
          if (part === '') continue;
          const i = part.indexOf('=');
          const [n, v] = i < 0 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)];
          this.append(formDecode(n), formDecode(v));
        }
      }
    }
    append(name, value) { this.#list.push([String(name), String(value)]); }
    delete(name) { this.#list = this.#list.filter(([n]) => n !== String(name)); }
    get(name) { const p = this.#list.find(([n]) => n === String(name)); return p ? p[1] : null; }
    getAll(name) { return this.#list.filter(([n]) => n === String(name)).map(([, v]) => v); }
    has(name) { return this.#list.some(([n]) => n === String(name)); }
    set(name, value) {
      const i = this.#list.findIndex(([n]) => n === String(name));
      this.delete(name);
      this.#list.splice(i < 0 ? this.#list.length : i, 0, [String(name), String(value)]);
    }
    forEach(callback, thisArg) { for (const [n, v] of this.#list) callback.call(thisArg, v, n, this); }
    *entries() { for (const p of this.#list) yield [...p]; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return this.#list.map(([n, v]) => formEncode(n) + '=' + formEncode(v)).join('&'); }
  }

  // Response: what fetch() resolves with; Go fills in the fields.
  // See https://fetch.spec.whatwg.org/#response-class.
  const responseKey = Symbol('Response');
  class Response {
    #r;
    #headers;
    #used = false;
    constructor(key, r) {
      if (key !== responseKey) throw new TypeError('Illegal constructor: this Response is made by fetch()');
      this.#r = r;
      this.#headers = Headers[immutable](r.headers);
    }
    get type() { return this.#r.type; }
    get url() { return this.#r.url; }
    get redirected() { return this.#r.redirected; }
    get status() { return this.#r.status; }
    get ok() { return this.#r.status >= 200 && this.#r.status <= 299; }
    get statusText() { return this.#r.statusText; }
    get headers() { return this.#headers; }
    get bodyUsed() { return this.#used; }
    arrayBuffer() {
      if (this.#used) return Promise.reject(new TypeError('Body has already been consumed.'));
      this.#used = true;
      return this.#r.read();
    }
    text() { return this.arrayBuffer().then((b) => native.utf8(b)); }
    json() { return this.text().then((t) => JSON.parse(t)); }
  }

  const enums = {
    mode: ['cors', 'no-cors', 'same-origin', 'navigate'],
    credentials: ['omit', 'same-origin', 'include'],
    redirect: ['follow', 'error', 'manual'],
    cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
    referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin',
      'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
  };
  function enumMember(init, name, dflt) {
    if (init[name] === undefined) return dflt;
    const v = String(init[name]);
    if (!enums[name].includes(v)) {
      throw new TypeError(`Failed to execute 'fetch' on 'Window': The provided value '${v}' is not a valid enum value of type Request${name[0].toUpperCase() + name.slice(1)}.`);
    }
    return v;
  }

  // extract returns the bytes to send (a string or an ArrayBuffer) and
  // their type. See https://fetch.spec.whatwg.org/#concept-bodyinit-extract.
  function extract(body) {
    if (body instanceof ArrayBuffer) return [body.slice(0), ''];
    if (ArrayBuffer.isView(body)) {
      return [body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength), ''];
    }
    if (body instanceof URLSearchParams) {
      return [body.toString(), 'application/x-www-form-urlencoded;charset=UTF-8'];
    }
    // A string, and by WebIDL's union conversion any other object (USVString).
    return [String(body), 'text/plain;charset=UTF-8'];
  }

  // fetch(input, init): the Request constructor's steps that belong to
  // the WebIDL layer, then the Go side. See https://fetch.spec.whatwg.org/#fetch-method.
  function fetch(input, init = {}) {
    try {
      if (init === null || typeof init !== 'object') init = {};
      const method = init.method === undefined ? 'GET' : String(init.method);
      const mode = enumMember(init, 'mode', 'cors');
      if (mode === 'navigate') {
        throw new TypeError("Failed to execute 'fetch' on 'Window': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.");
      }
      const headers = new Headers(init.headers);
      let body = null;
      let bodyType = '';
      if (init.body !== undefined && init.body !== null) {
        const m = method.toUpperCase();
        if (m === 'GET' || m === 'HEAD') {
          throw new TypeError("Failed to execute 'fetch' on 'Window': Request with GET/HEAD method cannot have body.");
        }
        [body, bodyType] = extract(init.body);
      }
      const signal = init.signal === undefined ? null : init.signal;
      if (signal !== null && !(signal instanceof AbortSignal)) {
        throw new TypeError("Failed to execute 'fetch' on 'Window': member signal is not of type AbortSignal.");
      }
      if (signal && signal.aborted) return Promise.reject(signal.reason);
      const handle = native.start({
        url: String(input),
        method,
        headers: headers[pairs](),
        body,
        bodyType,
        mode,
        credentials: enumMember(init, 'credentials', 'same-origin'),
        redirect: enumMember(init, 'redirect', 'follow'),
        cache: enumMember(init, 'cache', 'default'),
        referrer: init.referrer === undefined ? 'about:client' : String(init.referrer),
        referrerPolicy: enumMember(init, 'referrerPolicy', ''),
        makeResponse: (r) => new Response(responseKey, r),
      });
      if (signal) signal.addEventListener('abort', () => handle.abort(signal.reason));
      return handle.promise;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  Object.assign(global, { fetch, Headers, Response, AbortController, AbortSignal, URLSearchParams, DOMException });
});
