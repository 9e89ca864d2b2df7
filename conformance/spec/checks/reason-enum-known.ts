import type { AppearsIn } from '../../../schemas/types.js';
import { pass, skip } from '../../check-core.js';
import { type FindingInput, receivedExpected } from '../../findings.js';
import { defineSpecCheck } from '../check.js';
import { isErrorStatus, joinPointer, type Located, type SpecDocument } from '../document.js';
import { codeMember, errorMembers, isErrorShaped, memberSchema } from '../error-shape.js';
import { itemsOf, shapeOf } from '../schema.js';

interface Enumeration {
  /** Where the `enum` (or `const`) is. */
  pointer: string;
  values: unknown[];
  /** `const` holds one value, at the pointer itself. */
  isConst: boolean;
  place: AppearsIn;
  field: string;
}

/** The enumerated values of a member of a schema, if it lists them. */
function enumerationOf(document: SpecDocument, schema: Located, path: readonly string[]): Omit<Enumeration, 'place' | 'field'> | undefined {
  const property = memberSchema(document, schema, path).found;
  const values = property ? shapeOf(document, property).values : undefined;
  return values ? { pointer: values.pointer, values: values.values, isConst: values.pointer.endsWith('/const') } : undefined;
}

/** Every schema an error response uses, and every named schema shaped like the profile's error body. */
function errorSchemas(document: SpecDocument, members: ReturnType<typeof errorMembers> & object): Located[] {
  const found = new Map<string, Located>();
  for (const { pointer, value } of document.namedSchemas()) {
    const schema = document.resolve(value, pointer);
    if (isErrorShaped(document, schema, members)) found.set(schema.pointer, schema);
  }
  for (const operation of document.operations()) {
    for (const response of document.responsesOf(operation)) {
      if (!isErrorStatus(response.status)) continue;
      for (const { schema } of document.bodyOf(operation, response).schemas) {
        found.set(schema.pointer, schema);
        for (const branch of shapeOf(document, schema).alternatives) found.set(branch.pointer, branch);
      }
    }
  }
  return [...found.values()];
}

export default defineSpecCheck({
  id: 'reason-enum-known',
  title: 'Reason enums list catalog reasons only',
  level: 'MUST',
  given: 'document',
  bodyKinds: ['kubernetes-status', 'envelope'],
  description:
    'Where an error schema enumerates its codes with `enum` or `const` (Kubernetes: `reason` and `details.causes[].reason`; envelope: the code field), every value must be one the profile\'s catalog defines: clients only recognise those. Error schemas are those error responses use and named schemas that declare every required member of the profile\'s error body.',
  example: {
    document: `openapi: 3.0.3
info: { title: Widgets, version: '1' }
paths: {}
components:
  schemas:
    Status:
      type: object
      properties:
        kind: { type: string }
        apiVersion: { type: string }
        status: { type: string }
        message: { type: string }
        reason: { type: string, enum: [NotFound, AlreadyExist, CrashLoopBackOff] }
        code: { type: integer }
`,
  },
  then({ document, profile, index }) {
    const members = errorMembers(profile)!;
    const code = codeMember(profile);
    // An envelope without a code field (the status is the code) has no code member to enumerate.
    if (code === undefined) return skip('the profile\'s error body has no code member');
    const enumerations = new Map<string, Enumeration>();
    for (const schema of errorSchemas(document, members)) {
      const own = enumerationOf(document, schema, code.path);
      if (own) enumerations.set(own.pointer, { ...own, place: index.errorPlace(), field: code.name });
      if (profile.body.kind !== 'kubernetes-status') continue;
      const details = shapeOf(document, schema).properties.get('details');
      const causes = details ? shapeOf(document, details).properties.get('causes') : undefined;
      const cause = causes ? itemsOf(document, causes) : undefined;
      const causeReasons = cause ? enumerationOf(document, cause, ['reason']) : undefined;
      if (causeReasons) enumerations.set(causeReasons.pointer, { ...causeReasons, place: 'status-cause-reason', field: 'details.causes[].reason' });
    }
    if (enumerations.size === 0) return skip('no error schema enumerates its codes');
    const findings: FindingInput[] = [];
    for (const enumeration of enumerations.values()) {
      enumeration.values.forEach((value, i) => {
        const pointer = enumeration.isConst ? enumeration.pointer : joinPointer(enumeration.pointer, i);
        const what = enumeration.place === 'status-cause-reason' ? 'cause reason' : profile.body.kind === 'envelope' ? 'error code' : 'reason';
        if (typeof value !== 'string') {
          findings.push({
            pointer,
            expected: `a ${what} string`,
            received: JSON.stringify(value),
            message: receivedExpected(`\`${JSON.stringify(value)}\` among the values of \`${enumeration.field}\``, `a ${what} from the ${profile.name} catalog`),
            hint: `List ${what}s as strings.`,
          });
          return;
        }
        if (index.entry(enumeration.place, value)) return;
        if (enumeration.place === 'status-reason' && index.workloadReason(value)) {
          findings.push({
            pointer,
            expected: `an API ${what}`,
            received: value,
            message: receivedExpected(`\`${value}\` among the values of \`${enumeration.field}\``, `an API ${what}; \`${value}\` is a pod or container reason, which never appears in a \`Status\``),
            hint: `Remove \`${value}\`: report it in the pod's status, and answer API errors with the reasons \`statuslint catalog\` lists.`,
          });
          return;
        }
        const suggestions = index.suggest(value, enumeration.place);
        const didYouMean = suggestions.length > 0 ? `; did you mean ${suggestions.map((s) => `\`${s}\``).join(' or ')}?` : '';
        findings.push({
          pointer,
          expected: suggestions[0] ?? `a ${profile.name} catalog ${what}`,
          received: value,
          message: receivedExpected(`\`${value}\` among the values of \`${enumeration.field}\``, `a ${what} from the ${profile.name} catalog${didYouMean}`),
          hint:
            suggestions.length > 0
              ? `Use \`${suggestions[0]}\`.`
              : `Use one of the ${what}s \`statuslint catalog --profile ${profile.name}\` lists, or add yours to a profile file.`,
        });
      });
    }
    return findings.length > 0 ? findings : pass;
  },
});
