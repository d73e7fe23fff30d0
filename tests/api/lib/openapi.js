// Validates real responses against docs/openapi.yaml: the status must be documented for the
// operation, the media type must match, and the body must satisfy the documented schema
// (JSON Schema 2020-12, $refs into components resolved by Ajv).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';
import { REPO_ROOT } from './server.js';

const SPEC_PATH = path.join(REPO_ROOT, 'docs/openapi.yaml');
const COMPONENTS_ID = 'socius-openapi-components';

let cached = null;

export function contract() {
  if (!cached) cached = new Contract(YAML.parse(readFileSync(SPEC_PATH, 'utf8')));
  return cached;
}

// '#/components/schemas/X' → 'socius-openapi-components#/$defs/X', recursively.
function rewriteRefs(node) {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        out[k] = `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}`;
      } else {
        out[k] = rewriteRefs(v);
      }
    }
    return out;
  }
  return node;
}

class Contract {
  constructor(doc) {
    this.doc = doc;
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(doc.components?.schemas ?? {}) });
    this.routes = Object.keys(doc.paths).map((template) => ({
      template,
      regex: new RegExp(
        '^' +
          template
            .split(/(\{[^}]+\})/)
            .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
            .join('') +
          '$',
      ),
    }));
    // A literal segment wins over a parameter (`/persons/imports` is not `/persons/{id}`):
    // templates with fewer parameters are tried first.
    const params = (t) => (t.match(/\{/g) ?? []).length;
    this.routes.sort((a, b) => params(a.template) - params(b.template));
    this.validators = new Map();
  }

  resolve(obj) {
    let seen = 0;
    while (obj && obj.$ref) {
      if (!obj.$ref.startsWith('#/') || ++seen > 10) throw new Error(`cannot resolve ${obj.$ref}`);
      obj = obj.$ref
        .slice(2)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce((o, key) => o?.[key], this.doc);
    }
    return obj;
  }

  findRoute(pathname) {
    return this.routes.find((r) => r.regex.test(pathname))?.template ?? null;
  }

  // Returns a list of human-readable violations (empty when the response conforms).
  check({ method, pathname, status, contentType, body, headers = null }) {
    const template = this.findRoute(pathname);
    const problems = [];
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!template) {
      // Outside the documented paths the only answers are the router's 404 and 405.
      if (status !== 404) problems.push(`undocumented path ${pathname} answered ${status}`);
      else this.validateProblem(body, mediaType, problems);
      return problems;
    }
    const operation = this.doc.paths[template][method.toLowerCase()];
    if (!operation) {
      if (status !== 405) problems.push(`${method} ${template} is not documented, yet answered ${status}`);
      else this.validateProblem(body, mediaType, problems);
      return problems;
    }
    const response = this.resolve(operation.responses?.[String(status)]);
    if (!response) {
      problems.push(
        `${method} ${template}: status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`,
      );
      return problems;
    }
    if (headers) this.checkHeaders(`${method} ${template} ${status}`, response.headers ?? {}, headers, problems);
    const content = response.content;
    if (!content) {
      if (body !== undefined && body !== '') problems.push(`${method} ${template} ${status}: documented without a body, got one`);
      return problems;
    }
    const media = content[mediaType];
    if (!media) {
      problems.push(
        `${method} ${template} ${status}: content type "${contentType}" not documented (documented: ${Object.keys(content).join(', ')})`,
      );
      return problems;
    }
    const key = `${method} ${template} ${status} ${mediaType}`;
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(this.resolve(media.schema)));
      this.validators.set(key, validate);
    }
    if (!validate(body)) {
      problems.push(`${key}: body does not match the schema: ${this.ajv.errorsText(validate.errors, { separator: '; ' })}`);
    }
    return problems;
  }

  // Compiles the schema of every documented response (strict mode catches typos in schemas
  // that no test response has reached yet). Returns the number compiled.
  compileAll() {
    let n = 0;
    for (const [template, item] of Object.entries(this.doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (method === 'parameters') continue;
        for (const [status, raw] of Object.entries(op.responses ?? {})) {
          for (const [mediaType, media] of Object.entries(this.resolve(raw).content ?? {})) {
            const key = `${method.toUpperCase()} ${template} ${status} ${mediaType}`;
            if (!this.validators.has(key)) this.validators.set(key, this.ajv.compile(rewriteRefs(this.resolve(media.schema))));
            n++;
          }
        }
      }
    }
    return n;
  }

  // Documented headers marked `required: true` must be sent, and match their schema.
  checkHeaders(where, documented, actual, problems) {
    for (const [name, raw] of Object.entries(documented)) {
      const header = this.resolve(raw);
      const value = actual[name.toLowerCase()];
      if (value === undefined) {
        if (header.required) problems.push(`${where}: required header ${name} is missing`);
        continue;
      }
      const schema = this.resolve(header.schema ?? {});
      const values = Array.isArray(value) ? value : [value];
      for (const v of values) {
        if (schema.pattern && !new RegExp(schema.pattern, 'u').test(v)) problems.push(`${where}: header ${name}: ${v} does not match ${schema.pattern}`);
        if (schema.type === 'integer' && !/^\d+$/.test(v)) problems.push(`${where}: header ${name}: ${v} is not an integer`);
      }
    }
  }

  validateProblem(body, mediaType, problems) {
    if (mediaType !== 'application/problem+json') {
      problems.push(`an error answered with content type "${mediaType}", not application/problem+json`);
      return;
    }
    let validate = this.validators.get('Problem');
    if (!validate) {
      validate = this.ajv.getSchema(`${COMPONENTS_ID}#/$defs/Problem`);
      this.validators.set('Problem', validate);
    }
    if (!validate(body)) problems.push(`problem body does not match Problem: ${this.ajv.errorsText(validate.errors)}`);
  }
}
