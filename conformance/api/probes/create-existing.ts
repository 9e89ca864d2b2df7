import { defineApiProbe, jsonMediaType, requestFor } from '../probe.js';

export default defineApiProbe({
  id: 'create-existing',
  title: 'Create the same object twice',
  description:
    "For a create whose document declares a `409`: POST the documented example (or a body built from its schema) twice; the second must get `409` with `already_exists`. The first create stores the object, so this probe runs only with `--allow-writes`, against a test instance, and statuslint does not delete what it created.",
  safety: 'write',
  appliesTo(operation) {
    if (operation.method !== 'post' || !jsonMediaType(operation)) return 'only a POST with a JSON body creates';
    // Where the server makes the ids, two creates make two objects: only a declared 409 says names collide.
    return operation.responses.some((r) => r.status === '409') ? true : 'the operation declares no 409: creates cannot collide';
  },
  setup: (context) => requestFor(context),
  request: (context) => requestFor(context),
  expect: (_operation, profile) => ({ status: 409, codes: profile.body.kind === 'kubernetes-status' ? ['AlreadyExists'] : ['already_exists', 'conflict'] }),
});
