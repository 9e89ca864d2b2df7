/** What a probe expects back; checks compare the response against it. */
export interface Expectation {
  /** The HTTP status the conventions call for. */
  status: number;
  /** The Status reason (or envelope code) that goes with it; omitted where any reason for the status is fine. */
  reason?: string;
  /** Alternatives to `reason`, any of which is right (an API may say `invalid_json` or `invalid_body`). */
  reasons?: string[];
  /** For watch probes: the status of the stream itself, when the error arrives as an `ERROR` event. */
  streamStatus?: number;
  /** The message apimachinery writes for this failure, e.g. `widgets.example.dev "w1" not found`. */
  message?: string;
  /** What `details` should say about the object the request named. */
  details?: { name?: string; kind?: string; group?: string };
  /** Cause reasons that must appear in `details.causes`, with their `field` when given. */
  causes?: Array<{ reason: string; field?: string }>;
  /** A condition the returned object must report, e.g. an APIService's `Available: True`. */
  condition?: { type: string; status: string };
  /** Headers the response should carry, e.g. `allow` on a 405. */
  headers?: string[];
  /** The methods the resource serves (upper case), which a 405's `Allow` should list: an OpenAPI path's methods. */
  allow?: string[];
  /** The responses the OpenAPI document declares for the operation probed. */
  declared?: { operation: string; pointer: string; responses: Array<{ status: string; mediaTypes: string[] }> };
}

/** The request a probe sent, as checks may need it (never with credentials). */
export interface RequestView {
  method: string;
  path: string;
  /** Object name the request targets, when it names one. */
  name?: string;
  /** The `Accept` header sent: the media types the client can read. */
  accept?: string;
}
