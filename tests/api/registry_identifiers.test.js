// The identifier helper of the API tests (lib/identifiers.js) and the identifiers written into
// the registry scenario files. No server needed.
//
// 1. The helper agrees with published example codes (valid ones with their implied birth date
//    and sex, and invalid ones with the reason), so the scenarios' data rests on the rules and
//    not on the server under test.
// 2. Every identifier in scenarios/persons*.yaml, households*.yaml and person_imports*.yaml
//    means what its step expects: where the step expects an `identifier.*` problem for
//    `identifiers[i]`, the helper finds that very problem in identifiers[i]; everywhere else
//    the code is valid (so a 201 is not luck, and a 400 is not a typo in the test).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import YAML from 'yaml';
import { REPO_ROOT } from './lib/server.js';
import { SCHEMES, checkDigit, make, validate, withCheck, withWrongCheck } from './lib/identifiers.js';

const VALID = [
  // scheme, code, normalised, birth date, sex
  ['RO-CNP', '1800101221144', '1800101221144', '1980-01-01', 'male'],
  ['RO-CNP', '2700116065277', '2700116065277', '1970-01-16', 'female'],
  ['RO-CNP', '5000101700016', '5000101700016', '2000-01-01', 'male'],
  ['RO-CNP', '9111111400504', '9111111400504', '2011-11-11', null],
  ['MD-IDNP', '2002001234563', '2002001234563', null, null],
  ['UA-RNOKPP', '3652504575', '3652504575', '2000-01-01', 'male'],
  ['UA-RNOKPP', '3068208400', '3068208400', '1984-01-02', 'female'],
  ['UA-UNZR', '1970123109999', '19701231-09999', '1970-12-31', null],
  ['UA-UNZR', '20000229-00454', '20000229-00454', '2000-02-29', null],
  ['MK-EMBG', '1407985450125', '1407985450125', '1985-07-14', 'male'],
  ['MK-EMBG', '2902000415120', '2902000415120', '2000-02-29', 'female'],
  ['LT-AK', '33309240064', '33309240064', '1933-09-24', 'male'],
  ['LT-AK', '49002284567', '49002284567', '1990-02-28', 'female'],
  ['LT-AK', '90000001235', '90000001235', null, null],
];

const INVALID = [
  ['RO-CNP', '1800101221145', 'identifier.bad_check_digit'],
  ['RO-CNP', '180010122114', 'identifier.wrong_length'],
  ['RO-CNP', withCheck('RO-CNP', '190023140123'), 'identifier.bad_date'], // 31 February
  ['RO-CNP', withCheck('RO-CNP', '190010149123'), 'identifier.bad_region'], // county 49
  ['RO-CNP', withCheck('RO-CNP', '190010140000'), 'identifier.bad_serial'],
  ['MD-IDNP', '2002001234536', 'identifier.bad_check_digit'],
  ['MD-IDNP', withCheck('MD-IDNP', '100200123456'), 'identifier.bad_prefix'],
  ['UA-RNOKPP', '3652504576', 'identifier.bad_check_digit'],
  ['UA-UNZR', withCheck('UA-UNZR', '198502300123'), 'identifier.bad_date'],
  ['MK-EMBG', '1407985450126', 'identifier.bad_check_digit'],
  ['LT-AK', '33309240065', 'identifier.bad_check_digit'],
  ['LT-AK', withCheck('LT-AK', '7330924006'), 'identifier.bad_century'],
  ['XX-ID', '1', 'identifier.unknown_scheme'],
  ['RO-CNP', '18001O1221144', 'identifier.not_digits'],
];

test('the helper accepts published valid codes with their implied birth date and sex', () => {
  for (const [scheme, code, value, birth, sex] of VALID) {
    assert.deepEqual(validate(scheme, code, '2026-11-23'), { ok: true, value, birth_date: birth, sex }, `${scheme} ${code}`);
  }
});

test('the helper refuses invalid codes for the right reason', () => {
  for (const [scheme, code, reason] of INVALID) {
    assert.deepEqual(validate(scheme, code, '2026-11-23'), { ok: false, code: reason }, `${scheme} ${code}`);
  }
  assert.equal(checkDigit('MK-EMBG', '010100045004'), null, 'EMBG remainder 10 has no check digit');
});

test('make() builds valid codes that imply the date and sex asked for', () => {
  for (const scheme of SCHEMES) {
    for (const [birth, sex] of [['1984-03-07', 'female'], ['1961-08-24', 'male'], ['2010-09-01', 'female']]) {
      const code = make(scheme, { birth_date: birth, sex });
      const r = validate(scheme, code);
      assert.equal(r.ok, true, `${scheme} ${code}`);
      if (r.birth_date) assert.equal(r.birth_date, birth, `${scheme} ${code}`);
      if (r.sex) assert.equal(r.sex, sex, `${scheme} ${code}`);
      const body = code.replace('-', '').slice(0, -1);
      assert.equal(validate(scheme, withWrongCheck(scheme, body)).code, 'identifier.bad_check_digit');
    }
  }
});

// Every {scheme, value} in the request bodies of a registry scenario file, with the step's
// expectation.
function identifiersIn(file) {
  const scenario = YAML.parse(readFileSync(file, 'utf8'));
  const out = [];
  for (const [n, step] of (scenario.steps ?? []).entries()) {
    const ids = step.request?.json?.identifiers;
    if (!Array.isArray(ids)) continue;
    ids.forEach((id, i) => {
      if (typeof id?.scheme !== 'string' || typeof id?.value !== 'string') return;
      out.push({ step: n + 1, title: step.title, i, id, problem: step.expect?.problem, field: step.expect?.json?.field });
    });
  }
  return out;
}

test('every identifier in the registry scenarios is valid unless its step expects it to be refused', () => {
  const dir = path.join(REPO_ROOT, 'tests/api/scenarios');
  const files = readdirSync(dir).filter((f) => /^(persons|households|person_imports).*\.yaml$/.test(f));
  assert.ok(files.length >= 4, `found only ${files.join(', ')}`);
  let checked = 0;
  const wrong = [];
  for (const f of files) {
    for (const { step, title, i, id, problem, field } of identifiersIn(path.join(dir, f))) {
      const r = validate(id.scheme, id.value);
      const blamed = typeof problem === 'string' && problem.startsWith('identifier.') && field?.startsWith(`identifiers[${i}].`);
      const where = `${f} step ${step} (${title}) identifiers[${i}] ${id.scheme} ${id.value}`;
      if (blamed) {
        if (r.code !== problem) wrong.push(`${where}: the step expects ${problem}, the helper finds ${r.ok ? 'a valid code' : r.code}`);
      } else if (problem === 'request.wrong_type' || problem === 'person.too_many_identifiers') {
        continue; // the code is never looked at
      } else if (!r.ok && !(typeof problem === 'string' && problem.startsWith('identifier.'))) {
        wrong.push(`${where}: ${r.code}, yet the step does not expect an identifier error`);
      }
      checked++;
    }
  }
  assert.ok(checked >= 30, `only ${checked} identifiers checked`);
  assert.deepEqual(wrong, []);
});
