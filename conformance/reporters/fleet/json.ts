import { FLEET_SCHEMA_ID } from '../../../schemas/fleet-schema.js';
import { jsonChunks } from '../format.js';
import type { FleetReporter } from './reporter.js';

/** The fleet model as schemas/generated/fleet.schema.json describes it, opened down to each problem. */
const fleetJson: FleetReporter = {
  name: 'json',
  *chunks(fleet) {
    yield* jsonChunks({ $schema: FLEET_SCHEMA_ID, ...fleet }, 2);
    yield '\n';
  },
};

export default fleetJson;
