// National identifiers for the registry tests: check digits and implied facts, written from
// the published rules (the same rules src/registry/identifiers.cc implements), so that a test
// can build valid codes, codes with a wrong check digit, and codes contradicting a birth date.
//
//   checkDigit('RO-CNP', '180010122114')      → '4'   (null when no check digit fits)
//   withCheck('RO-CNP', '180010122114')       → '1800101221144'
//   validate('UA-UNZR', '1985071401239')      → {ok: true, value: '19850714-01239', birth_date: '1985-07-14', sex: null}
//   validate('RO-CNP', '1800101221145')       → {ok: false, code: 'identifier.bad_check_digit'}
//   make('LT-AK', {birth_date: '1985-07-14', sex: 'male', serial: 12}) → '38507140124'
//
// Rules:
//   RO-CNP   S YYMMDD JJ NNN C, 13 digits. C = Σ d·[2,7,9,1,4,6,3,5,8,2,7,9] mod 11 (10 → 1).
//            S: 1/2 = 1900s, 3/4 = 1800s, 5/6 = 2000s (odd male); 7/8 residents (2000s unless
//            that is future, then 1900s), 9 foreigners (no sex). JJ county 01–48, 51, 52, 70.
//            NNN ≠ 000.
//   MD-IDNP  13 digits, first 0 or 2. C = Σ d·[7,3,1,…] mod 10. Implies nothing.
//   UA-RNOKPP 10 digits: DDDDD days since 1899-12-31, NNN, S (odd male), C =
//            (Σ d·[-1,5,7,9,4,6,10,5,7] mod 11) mod 10.
//   UA-UNZR  YYYYMMDD-NNNNC: C = Σ d·[7,3,1,…] mod 10 over the 12 digits. Implies the date.
//   MK-EMBG  DDMMYYY RR BBB K: K = 11 − Σ d·[7,6,5,4,3,2,7,6,5,4,3,2] mod 11 (11 → 0, 10 →
//            no valid code). YYY ≥ 800 → 1YYY else 2YYY; BBB < 500 male.
//   LT-AK    G YYMMDD NNN C: C = Σ d·[1..9,1] mod 11; if 10, Σ d·[3..9,1,2,3] mod 11 (10 → 0).
//            G 1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s (odd male); 9 = no date.

export const SCHEMES = ['RO-CNP', 'MD-IDNP', 'UA-RNOKPP', 'UA-UNZR', 'MK-EMBG', 'LT-AK'];

const LENGTH = { 'RO-CNP': 13, 'MD-IDNP': 13, 'UA-RNOKPP': 10, 'UA-UNZR': 13, 'MK-EMBG': 13, 'LT-AK': 11 };

const digitsOf = (s) => [...s].map(Number);
const weighted = (s, weights) => digitsOf(s).reduce((sum, d, i) => sum + d * weights[i], 0);
const mod = (a, m) => ((a % m) + m) % m;

const CHECK = {
  'RO-CNP': (b) => {
    const r = weighted(b, [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11;
    return r === 10 ? 1 : r;
  },
  'MD-IDNP': (b) => weighted(b, [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]) % 10,
  'UA-RNOKPP': (b) => mod(weighted(b, [-1, 5, 7, 9, 4, 6, 10, 5, 7]), 11) % 10,
  'UA-UNZR': (b) => weighted(b, [7, 3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1]) % 10,
  'MK-EMBG': (b) => {
    const k = 11 - (weighted(b, [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11);
    if (k === 10) return null;
    return k === 11 ? 0 : k;
  },
  'LT-AK': (b) => {
    let r = weighted(b, [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11;
    if (r !== 10) return r;
    r = weighted(b, [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11;
    return r === 10 ? 0 : r;
  },
};

// The check digit of `body` (all digits but the last; a UNZR body without its dash).
export function checkDigit(scheme, body) {
  if (!(scheme in CHECK) || body.length + 1 !== LENGTH[scheme] || !/^\d+$/.test(body)) return null;
  const c = CHECK[scheme](body);
  return c === null ? null : String(c);
}

// body + its check digit (a UNZR gets its dash).
export function withCheck(scheme, body) {
  const c = checkDigit(scheme, body);
  if (c === null) throw new Error(`${scheme}: no check digit fits ${body}`);
  return format(scheme, body + c);
}

// The same code with a check digit that is wrong.
export function withWrongCheck(scheme, body) {
  const c = checkDigit(scheme, body);
  return format(scheme, body + String((Number(c ?? 0) + 1) % 10));
}

function format(scheme, digits) {
  return scheme === 'UA-UNZR' ? `${digits.slice(0, 8)}-${digits.slice(8)}` : digits;
}

const pad = (n, w) => String(n).padStart(w, '0');

function isDate(y, m, d) {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
const iso = (y, m, d) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const todayIso = () => new Date().toISOString().slice(0, 10);
const RNOKPP_EPOCH = Date.UTC(1899, 11, 31);

// {ok, value (normalised), birth_date|null, sex|null} or {ok: false, code}.
export function validate(scheme, raw, today = todayIso()) {
  if (!(scheme in CHECK)) return { ok: false, code: 'identifier.unknown_scheme' };
  let v = raw.trim();
  if (scheme === 'UA-UNZR' && v.length > 8 && v[8] === '-') v = v.slice(0, 8) + v.slice(9);
  if (!/^\d*$/.test(v)) return { ok: false, code: 'identifier.not_digits' };
  if (v.length !== LENGTH[scheme]) return { ok: false, code: 'identifier.wrong_length' };
  const n = (from, count) => Number(v.slice(from, from + count));
  let birth = null;
  let sex = null;
  const date = (y, m, d) => {
    if (!isDate(y, m, d) || iso(y, m, d) > today) return false;
    birth = iso(y, m, d);
    return true;
  };
  switch (scheme) {
    case 'RO-CNP': {
      const s = n(0, 1);
      if (s === 0) return { ok: false, code: 'identifier.bad_century' };
      const yy = n(1, 2);
      let year = { 1: 1900, 2: 1900, 3: 1800, 4: 1800, 5: 2000, 6: 2000 }[s] ?? 2000;
      year += yy;
      if (s >= 7 && isDate(year, n(3, 2), n(5, 2)) && iso(year, n(3, 2), n(5, 2)) > today) year -= 100;
      if (!date(year, n(3, 2), n(5, 2))) return { ok: false, code: 'identifier.bad_date' };
      const county = n(7, 2);
      if (!((county >= 1 && county <= 48) || [51, 52, 70].includes(county))) return { ok: false, code: 'identifier.bad_region' };
      if (n(9, 3) === 0) return { ok: false, code: 'identifier.bad_serial' };
      if (s !== 9) sex = s % 2 === 1 ? 'male' : 'female';
      break;
    }
    case 'MD-IDNP':
      if (v[0] !== '0' && v[0] !== '2') return { ok: false, code: 'identifier.bad_prefix' };
      break;
    case 'UA-RNOKPP': {
      const days = n(0, 5);
      if (days === 0) return { ok: false, code: 'identifier.bad_date' };
      const t = new Date(RNOKPP_EPOCH + days * 86_400_000);
      if (!date(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())) return { ok: false, code: 'identifier.bad_date' };
      sex = n(8, 1) % 2 === 1 ? 'male' : 'female';
      break;
    }
    case 'UA-UNZR':
      if (!date(n(0, 4), n(4, 2), n(6, 2))) return { ok: false, code: 'identifier.bad_date' };
      break;
    case 'MK-EMBG': {
      const yyy = n(4, 3);
      if (!date(yyy >= 800 ? 1000 + yyy : 2000 + yyy, n(2, 2), n(0, 2))) return { ok: false, code: 'identifier.bad_date' };
      sex = n(9, 3) < 500 ? 'male' : 'female';
      break;
    }
    case 'LT-AK': {
      const g = n(0, 1);
      if (g === 9) break;
      if (g < 1 || g > 6) return { ok: false, code: 'identifier.bad_century' };
      if (!date(1800 + 100 * Math.floor((g - 1) / 2) + n(1, 2), n(3, 2), n(5, 2))) return { ok: false, code: 'identifier.bad_date' };
      sex = g % 2 === 1 ? 'male' : 'female';
      break;
    }
  }
  const c = CHECK[scheme](v.slice(0, -1));
  if (c === null || c !== Number(v.at(-1))) return { ok: false, code: 'identifier.bad_check_digit' };
  return { ok: true, value: format(scheme, v), birth_date: birth, sex };
}

// A valid code for a birth date ('YYYY-MM-DD') and sex; `serial` varies the free digits.
export function make(scheme, { birth_date, sex = 'female', serial = 1 }) {
  const [y, m, d] = birth_date.split('-').map(Number);
  const male = sex === 'male';
  const yymmdd = pad(y % 100, 2) + pad(m, 2) + pad(d, 2);
  for (let s = serial; s < serial + 100; s++) {
    let body;
    switch (scheme) {
      case 'RO-CNP':
        body = String({ 18: 3, 19: 1, 20: 5 }[Math.floor(y / 100)] + (male ? 0 : 1)) + yymmdd + '22' + pad(1 + (s % 999), 3);
        break;
      case 'MD-IDNP':
        body = '2' + pad(Math.max(y, 1995) % 1000, 3) + pad(s, 8);
        break;
      case 'UA-RNOKPP': {
        const days = Math.round((Date.UTC(y, m - 1, d) - RNOKPP_EPOCH) / 86_400_000);
        body = pad(days, 5) + pad(s % 1000, 3) + String(2 * (s % 5) + (male ? 1 : 0));
        break;
      }
      case 'UA-UNZR':
        body = pad(y, 4) + pad(m, 2) + pad(d, 2) + pad(s % 10_000, 4);
        break;
      case 'MK-EMBG':
        body = pad(d, 2) + pad(m, 2) + pad(y % 1000, 3) + '45' + pad((s % 500) + (male ? 0 : 500), 3);
        break;
      case 'LT-AK':
        body = String(1 + 2 * Math.floor((y - 1800) / 100) + (male ? 0 : 1)) + yymmdd + pad(s % 1000, 3);
        break;
      default:
        throw new Error(`unknown scheme ${scheme}`);
    }
    const c = checkDigit(scheme, body);
    if (c !== null) return format(scheme, body + c);
  }
  throw new Error(`${scheme}: no valid code near serial ${serial}`);
}
