// Subset matching of a JSON value against an expectation, for scenario files.
//
// - A plain object matches an object that has every listed key with a matching value (other
//   keys are free). An array matches an array of the same length, element by element.
// - Scalars match by strict equality.
// - Objects whose keys start with `$` are operators:
//   $absent: true        the key is missing          $present: true   the key exists
//   $type: T             string|number|integer|boolean|null|array|object
//   $regex: 'RE'         string matching RE (unicode; \p{Script=Cyrillic} works)
//   $ne: V               anything but V              $oneOf: [M, ...] matches one of them
//   $contains: [M, ...]  an array with, for each M, some element matching it
//   $notContains: [M, ...] an array where no element matches any M
//   $all: M              an array whose every element matches M
//   $length: N  $minLength: N  $maxLength: N   of an array or a string
//   $gte/$gt/$lte/$lt: N numeric comparisons
//   $sorted: {by: key, order: asc|desc}  an array of objects sorted by key
// Operators combine: {$type: string, $minLength: 10}.
export function match(want, got, where = 'value') {
  const out = [];
  visit(want, got, where, out);
  return out;
}

function isOperator(want) {
  return want && typeof want === 'object' && !Array.isArray(want) && Object.keys(want).length > 0 && Object.keys(want).every((k) => k.startsWith('$'));
}

function typeOf(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function show(v) {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

function visit(want, got, where, out) {
  if (isOperator(want)) {
    for (const [op, arg] of Object.entries(want)) applyOperator(op, arg, got, where, out);
    return;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return out.push(`${where}: expected an array, got ${show(got)}`);
    if (got.length !== want.length) return out.push(`${where}: expected ${want.length} elements, got ${got.length}: ${show(got)}`);
    want.forEach((w, i) => visit(w, got[i], `${where}[${i}]`, out));
    return;
  }
  if (want && typeof want === 'object') {
    if (!got || typeof got !== 'object' || Array.isArray(got)) return out.push(`${where}: expected an object, got ${show(got)}`);
    for (const [k, w] of Object.entries(want)) {
      if (isOperator(w) && w.$absent) {
        if (k in got) out.push(`${where}.${k}: expected absent, got ${show(got[k])}`);
        continue;
      }
      if (!(k in got)) {
        out.push(`${where}.${k}: missing`);
        continue;
      }
      visit(w, got[k], `${where}.${k}`, out);
    }
    return;
  }
  if (want !== got) out.push(`${where}: expected ${show(want)}, got ${show(got)}`);
}

function applyOperator(op, arg, got, where, out) {
  const len = got == null ? undefined : got.length;
  switch (op) {
    case '$absent':
      if (arg && got !== undefined) out.push(`${where}: expected absent, got ${show(got)}`);
      break;
    case '$present':
      if (arg && got === undefined) out.push(`${where}: expected present`);
      break;
    case '$type': {
      const t = typeOf(got);
      const ok = arg === 'integer' ? Number.isInteger(got) : t === arg;
      if (!ok) out.push(`${where}: expected ${arg}, got ${show(got)}`);
      break;
    }
    case '$regex':
      if (typeof got !== 'string' || !new RegExp(arg, 'u').test(got)) out.push(`${where}: expected to match /${arg}/, got ${show(got)}`);
      break;
    case '$ne':
      if (match(arg, got).length === 0) out.push(`${where}: expected anything but ${show(arg)}`);
      break;
    case '$oneOf':
      if (!arg.some((m) => match(m, got).length === 0)) out.push(`${where}: ${show(got)} matches none of ${show(arg)}`);
      break;
    case '$contains':
      if (!Array.isArray(got)) {
        out.push(`${where}: expected an array, got ${show(got)}`);
        break;
      }
      for (const m of arg) {
        if (!got.some((g) => match(m, g).length === 0)) out.push(`${where}: no element matches ${show(m)} (got ${show(got)})`);
      }
      break;
    case '$notContains':
      if (!Array.isArray(got)) {
        out.push(`${where}: expected an array, got ${show(got)}`);
        break;
      }
      for (const m of arg) {
        const bad = got.find((g) => match(m, g).length === 0);
        if (bad !== undefined) out.push(`${where}: unexpected element ${show(bad)} matches ${show(m)}`);
      }
      break;
    case '$all':
      if (!Array.isArray(got)) {
        out.push(`${where}: expected an array, got ${show(got)}`);
        break;
      }
      got.forEach((g, i) => visit(arg, g, `${where}[${i}]`, out));
      break;
    case '$length':
      if (len !== arg) out.push(`${where}: expected length ${arg}, got ${len}`);
      break;
    case '$minLength':
      if (!(len >= arg)) out.push(`${where}: expected length ≥ ${arg}, got ${len}`);
      break;
    case '$maxLength':
      if (!(len <= arg)) out.push(`${where}: expected length ≤ ${arg}, got ${len}`);
      break;
    case '$gte':
      if (!(got >= arg)) out.push(`${where}: expected ≥ ${arg}, got ${show(got)}`);
      break;
    case '$gt':
      if (!(got > arg)) out.push(`${where}: expected > ${arg}, got ${show(got)}`);
      break;
    case '$lte':
      if (!(got <= arg)) out.push(`${where}: expected ≤ ${arg}, got ${show(got)}`);
      break;
    case '$lt':
      if (!(got < arg)) out.push(`${where}: expected < ${arg}, got ${show(got)}`);
      break;
    case '$sorted': {
      if (!Array.isArray(got)) {
        out.push(`${where}: expected an array, got ${show(got)}`);
        break;
      }
      const key = arg.by;
      const desc = arg.order === 'desc';
      for (let i = 1; i < got.length; i++) {
        const a = got[i - 1][key];
        const b = got[i][key];
        if (desc ? a < b : a > b) {
          out.push(`${where}: not sorted ${desc ? 'descending' : 'ascending'} by ${key} at ${i}: ${show(a)} then ${show(b)}`);
          break;
        }
      }
      break;
    }
    default:
      out.push(`${where}: unknown operator ${op}`);
  }
}
