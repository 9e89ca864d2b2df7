import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { configVocabulary } from '../../conformance/policy/vocabulary.js';
import { createAjv } from '../../schemas/compile.js';
import { waiverJsonSchema } from '../../schemas/config-schema.js';
import { inheritedLabel, inheritedSet, INHERITED_SETS } from '../../schemas/inherited.js';

describe('inherited waiver sets', () => {
  for (const name of INHERITED_SETS) {
    const set = inheritedSet(name);

    it(`${name}: every entry is a waiver a config could write, naming checks and probes that exist`, () => {
      const validate = createAjv().compile(waiverJsonSchema(configVocabulary()));
      for (const waiver of set.waivers) assert.ok(validate(waiver), `${waiver.name}: ${JSON.stringify(validate.errors?.[0])}`);
    });

    it(`${name}: every entry has a name of its own and an upstream reason`, () => {
      assert.equal(new Set(set.waivers.map((w) => w.name)).size, set.waivers.length);
      for (const waiver of set.waivers) {
        assert.match(waiver.name, /^[a-z0-9]+(-[a-z0-9.]+)*$/);
        assert.ok(waiver.check !== undefined, `${waiver.name} names its check`);
        assert.ok(waiver.expires === undefined, `${waiver.name}: an inherited deviation lasts as long as the version`);
      }
    });

    it(`${name}: is labelled with its minor version`, () => {
      assert.match(inheritedLabel(set), /^\S+ v\d+\.\d+$/);
      assert.ok(set.derivedFrom.length > 0);
    });
  }
});
