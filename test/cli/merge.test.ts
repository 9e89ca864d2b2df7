import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { registerProbe } from '../../cli/commands/probe.js';
import { registerReport } from '../../cli/commands/report.js';
import { registerSpec } from '../../cli/commands/spec.js';
import { registerValidate } from '../../cli/commands/validate.js';
import { CONFIG_FLAGS, mergeConfig } from '../../cli/config/merge.js';
import { configVocabulary } from '../../conformance/policy/vocabulary.js';
import { configJsonSchema } from '../../schemas/config-schema.js';

const program = new Command();
for (const register of [registerProbe, registerValidate, registerSpec, registerReport]) register(program);
const optionsOf = (name: string): string[] => program.commands.find((c) => c.name() === name)!.options.map((o) => o.attributeName());

describe('config keys that stand for flags', () => {
  it('each names a flag the command has', () => {
    for (const [command, keys] of Object.entries(CONFIG_FLAGS)) {
      for (const [key, flag] of keys) assert.ok(optionsOf(command).includes(flag), `${command}: ${key} → --${flag}`);
    }
  });

  it('each is a key of the config schema', () => {
    const properties = Object.keys((configJsonSchema(configVocabulary()) as { properties: object }).properties);
    for (const keys of Object.values(CONFIG_FLAGS)) for (const [key] of keys) assert.ok(properties.includes(key), key);
  });
});

describe('mergeConfig', () => {
  const config = { profile: 'envelope', failOn: 'never' as const, groups: ['apps'], server: 'https://config.example', probes: ['get-missing'] };

  it('fills in what the command line did not give; flags win', () => {
    const merged = mergeConfig('probe', { profile: 'kubernetes', failOn: 'should' }, config, (flag) => flag === 'failOn');
    assert.deepEqual(merged, { profile: 'envelope', failOn: 'should', group: ['apps'], server: 'https://config.example', probe: ['get-missing'] });
  });

  it('takes only what the command has: validate no server, spec a cluster only with --from-cluster', () => {
    assert.deepEqual(mergeConfig('validate', {}, config, () => false), { profile: 'envelope', failOn: 'never' });
    assert.equal((mergeConfig('spec', {}, config, () => false) as { server?: string }).server, undefined);
    assert.equal((mergeConfig('spec', { fromCluster: true }, config, () => false) as { server?: string }).server, 'https://config.example');
  });
});
