import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { probeSelection } from '../../cli/config/probe-selection.js';

const ALL = [{ id: 'get-missing' }, { id: 'method-not-allowed' }, { id: 'timeout', optional: true }];

describe('probeSelection', () => {
  it('runs the default set when nothing is said', () => {
    assert.deepEqual(probeSelection(ALL, undefined, undefined, 'c.yaml'), { probeIds: [], probesOff: [] });
  });

  it('turns probes off, and an optional one on', () => {
    assert.deepEqual(probeSelection(ALL, undefined, { 'method-not-allowed': 'off' }, 'c.yaml'), { probeIds: ['get-missing'], probesOff: ['method-not-allowed'] });
    assert.deepEqual(probeSelection(ALL, undefined, { timeout: 'on' }, 'c.yaml'), { probeIds: ['get-missing', 'method-not-allowed', 'timeout'], probesOff: [] });
    assert.deepEqual(probeSelection(ALL, undefined, { timeout: 'off' }, 'c.yaml'), { probeIds: [], probesOff: [] }, 'an optional probe is off anyway');
  });

  it('lets a selection (--probe) win over the switches', () => {
    assert.deepEqual(probeSelection(ALL, ['method-not-allowed'], { 'method-not-allowed': 'off' }, 'c.yaml'), { probeIds: ['method-not-allowed'], probesOff: [] });
  });

  it('ignores switches of the other kind of probe (a config serves probe and probe --openapi)', () => {
    assert.deepEqual(probeSelection(ALL, undefined, { 'unknown-id': 'off' }, 'c.yaml'), { probeIds: [], probesOff: [] });
  });

  it('refuses to turn every probe off', () => {
    assert.throws(() => probeSelection(ALL, undefined, { 'get-missing': 'off', 'method-not-allowed': 'off' }, 'c.yaml'), /^InputError: every probe is turned off \(probes: get-missing, method-not-allowed: off\)$/);
  });
});
