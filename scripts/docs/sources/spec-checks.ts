/**
 * `docs/spec/`: a page per check of an OpenAPI description, showing its example document and the
 * findings it really gives, and the index, which also says how `statuslint spec` reads documents.
 */
import { parse as parseYaml } from 'yaml';
import type { CheckResult } from '../../../conformance/check.js';
import { documentContext, runSpecCheck, type SpecCheck } from '../../../conformance/spec/check.js';
import { SPEC_CHECKS } from '../../../conformance/spec/checks/index.js';
import { BUILTIN_PROFILES } from '../../../schemas/builtin-profiles.js';
import { specDocumentOf } from '../../../conformance/spec/load.js';
import { exampleProfile, findingsSections } from '../examples.js';
import { cell, fence, table, unitLink } from '../markdown.js';
import type { Block, GeneratedPage } from '../page.js';
import { bodyKindsFact, unitPages, type UnitKind } from '../unit-pages.js';

/** Run a check on its own example, as `statuslint spec` would. */
export function exampleResult(check: SpecCheck): CheckResult {
  const { example } = check;
  const document = specDocumentOf(parseYaml(example.document), 'openapi.yaml');
  const context = documentContext(document, exampleProfile(example.profile));
  if (check.given === 'document') return runSpecCheck(check, context);
  const operations = [...document.operations()];
  const operation = example.operation ? operations.find((o) => o.title === example.operation) : operations[0];
  if (!operation) throw new Error(`the example of spec check ${check.id} has no operation ${example.operation ?? ''}`);
  return runSpecCheck(check, { ...context, operation });
}

const given = (check: SpecCheck): string => (check.given === 'operation' ? 'each operation' : 'the document');

const profileName = ({ example: { profile } }: SpecCheck): string => (typeof profile === 'object' ? profile.name : (profile ?? 'kubernetes'));

function index(): Block[] {
  return [
    '# `statuslint spec`: checks of an OpenAPI description',
    "Before anything is probed, the API's own description should promise correct errors. `statuslint spec` reads an OpenAPI description (Swagger 2.0, OpenAPI 3.0 or 3.1, JSON or YAML) from a file, a URL or standard input, or with `--from-cluster` every document a Kubernetes API server serves, and judges it by these checks against the profile (`--profile " +
      [...BUILTIN_PROFILES, 'FILE'].join('|') +
      '`).',
    fence('sh', [
      'statuslint spec openapi.yaml',
      'statuslint spec https://api.example.com/openapi.json --profile problem --format sarif -o spec.sarif',
      'statuslint spec --from-cluster --context kind-kind --format json -o spec.json --format stylish',
    ]),
    table(['Check', 'Level', 'Given', 'What must hold'], SPEC_CHECKS.map((c) => [unitLink(c), c.level, given(c), cell(c.description)])),
    '## What "compatible with the profile\'s error schema" means',
    'A schema is judged by its structure, never by its name: it must describe an object (`type: object`, or `properties` without a `type`), and declare the members a client of the profile reads, each with the type it reads. References are followed, `allOf` branches are merged, and a `oneOf`/`anyOf` of bodies is compatible only when every branch is, since a client cannot tell which one it gets.',
    [
      '| Profile | Required (MUST) | Recommended (SHOULD) | Optional, typed when declared |',
      '|---|---|---|---|',
      '| `kubernetes` | `kind`, `apiVersion`, `status`, `reason`: string; `code`: integer | `message`: string | `details`: object |',
      '| `envelope` | the code field and the message field: string; the request id field when the profile requires it | | the request id field: string; the status field: integer |',
      '| `github` | `message`: string (GitHub has no code field: its message is the code) | | |',
      '| `stripe` | `error.code`, `error.message`: string (the fields are JSON pointers, `/error/code`: Stripe nests its error) | | |',
      '| `problem` | `title`: string; `status`: integer | `type`, `detail`: string | `instance`: string |',
    ].join('\n'),
    "A required member that is missing, or any member declared with another type, is a MUST finding; a missing recommended member, a member with no type, or an integer documented as `number`, a SHOULD finding. An error response with no schema at all is a SHOULD finding. Kubernetes' own `io.k8s.apimachinery.pkg.apis.meta.v1.Status` is compatible; where a document defines a compatible named schema, hints point at it.",
    '## Which errors an operation is expected to document',
    'What an operation does is read from Kubernetes\' `x-kubernetes-action` where present, else from its method and shape: a `GET` whose path ends in a literal segment and whose `200` is a list (an array, or an object with an `items` array) is a list; a `POST`, `PUT` or `PATCH` whose last path segment or operationId names a query (`_zoek`, `_search`, `query`, `things:search`, `searchPets`) is a search, asked what a list is asked; one that sends no body (no `requestBody`, no `body` or `formData` parameter) is an action, asked what a read is asked.',
    [
      '| Status | Expected of |',
      '|---|---|',
      '| `401`, `403` | operations that require authentication: their own or the document\'s `security`, security schemes declared without a requirement, a documented `401`, or, with the `kubernetes` profile, any path under `/api/` or `/apis/` (Kubernetes authenticates and authorizes every API request, though the documents of CRDs and aggregated API servers declare no security) |',
      '| `404` | reads, creates, replaces, patches, deletes and connects whose path has a parameter (the object, or a parent such as the namespace, may not exist); not lists, watches or deletes of a collection |',
      '| `409` | creates, replaces and patches |',
      '| the profile\'s validation status (`requestErrors.validation`: `422` for `kubernetes`, `400` for `envelope` and `problem`) | creates, replaces and patches; a `400` or `422` whose schema lists invalid fields (an array member such as `invalidParams` or `errors`, or lists as values, as Django REST framework answers) counts, whichever the profile names |',
      '| `429`, with its `Retry-After` header | operations whose only error response is `default` (no `4xx` or `5xx` status or range beside it): nothing else tells a client it was rate-limited or how long to wait. Kubernetes documents `401` and no `default`, so none of its operations is asked |',
    ].join('\n'),
    'A `4XX` range covers them. A `default` response does not: it documents the error body, but clients act on the status (re-authenticate on `401`, stop on `404`, wait on `429`), which `default` leaves unnamed. Which status is expected of what is the catalog\'s (`operations` on the statuses of `schemas/catalog/http.json`).',
    '## Input, memory and errors',
    [
      '- A file path is read from disk, a URL is fetched with undici, `-` reads standard input. JSON is parsed as JSON, YAML with the `yaml` package; a document that cannot be parsed is one line naming the file and position (`openapi.yaml:3:7: invalid YAML: …`) and exit code 2.',
      "- `@apidevtools/swagger-parser` checks the version fields and, when the document has external `$ref`s (other files, URLs), bundles them in. A document's `$ref`s may only reach its own origin (a document from a URL) or files under its own directory (a file; standard input: the current directory); a document a cluster serves may reference nothing outside itself; nothing under `example`, `examples`, `default`, `enum` or `const` is followed (it is data). A refused `$ref` is one line naming its pointer, exit 2; `--allow-external-refs` trusts a document given by the user. A `$ref` the scope allows but that cannot be followed (a missing or unparsable file, a server that does not answer or has no such file, a pointer that names nothing, in the document or in a file it references) is a [`refs-resolve`](refs-resolve.md) finding at the line it stands on, with the cause; what it stood in is judged no further, and the rest of the document is checked. Every document and every `$ref` is read up to 50 MiB (100 MiB of `$ref`s in all), YAML aliases are limited in every file. Nothing is dereferenced: every local `$ref` is checked once in a single walk over the document, and checks then follow only the references they need. Memory holds one parsed copy of a document, never a dereferenced one.",
      '- `--from-cluster` reads `/openapi/v3` and fetches every document it lists (those of aggregated API servers included) a few at a time (`--concurrency`, default 4), checking each and dropping it before taking the next, then reads `/openapi/v2`, the whole API in one document, on its own. Operations of aggregated API servers are marked `aggregated`; every item carries its `groupVersion` where the path has one.',
    ].join('\n'),
    '## What kube-apiserver v1.37.2 documents',
    "Asserted by `test/spec/kube-apiserver.test.ts` against the real server, with a CRD and the aggregated `k8s.io/sample-apiserver`: every operation of `/openapi/v2` and of the `/openapi/v3` documents lists `200` (with `201`/`202` for writes) and a `401` without a schema, and no other error: no `403` anywhere, no `404` for reads of one object, no `409` or `422` for writes. So every operation earns `error-responses-documented` and `error-schema-compatible` findings, all SHOULD: the `401` references no schema although each document defines `io.k8s.apimachinery.pkg.apis.meta.v1.Status`, which is compatible. There are no MUST findings. The CRD's document declares no security scheme at all; the sample-apiserver's own v3 documents list no error, not even `401`; and `/openapi/v3/apis` and `/openapi/v3/version` are served from kube-apiserver's description or the sample-apiserver's, alternately from one request to the next.",
    '## Results',
    'The results model is the one `probe` and `validate` write (`command: "spec"`), so every `--format` renders it: one item per document for its document-level checks (location: the document), then one item per operation, titled `GET /api/v1/pods`, located by its JSON pointer (`/paths/~1api~1v1~1pods/get`); every finding\'s `pointer` is a JSON pointer into the same document, named by the item\'s `document` field (a path, a URL, or the server path such as `/openapi/v3/apis/apps/v1`). `target.server` is the document (or the cluster). For a document given as a file, a URL or standard input, each finding also has the `line` and `column` its pointer is written at (the nearest written ancestor for a part bundled in from another file): stylish prints them first as ESLint does, SARIF makes them the region, and GitHub annotations point at the line of the file. Documents a cluster serves have pointers only. A finding at a place several operations share (a schema or response under `components`/`definitions`, a document-wide `produces`, a shared example) is reported once, on the document\'s item, with `operations` listing the operations it affects (its message names the first three); an operation whose findings of a check all went there has that check skipped, saying so.',
    'Exit codes: `0` no findings at the `--fail-on` level (default `should`), `1` findings or a document the cluster could not serve, `2` usage or input error, `3` the document\'s server or the cluster did not answer.',
  ];
}

const SPEC: UnitKind<SpecCheck> = {
  folder: 'spec',
  from: "the check's definition in conformance/spec/checks/",
  units: SPEC_CHECKS,
  index,
  facts: (check) => ({
    Level: check.level,
    Given: given(check),
    'Body kinds': bodyKindsFact(check.bodyKinds),
  }),
  sections: (check) => [
    '## Example',
    `With the \`${profileName(check)}\` profile, this document:`,
    fence('yaml', [check.example.document.trimEnd()]),
    ...findingsSections(exampleResult(check), '`pointer` (a JSON pointer into the document)'),
  ],
};

export const specCheckPages = (): GeneratedPage[] => unitPages(SPEC);
