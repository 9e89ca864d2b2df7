import protobuf from 'protobufjs/light.js';

/**
 * Kubernetes' binary encoding (`application/vnd.kubernetes.protobuf`), as far as an error needs it:
 * the `k8s\0` magic, then a `runtime.Unknown` envelope naming the kind, whose `raw` bytes are the
 * object. A client that asks for protobuf gets its errors as a protobuf `Status`, so statuslint must
 * read one to judge it. Decoding is protobufjs's; the descriptor below is written out here because
 * only these six messages are needed, from `k8s.io/apimachinery/pkg/runtime/generated.proto` and
 * `pkg/apis/meta/v1/generated.proto` (proto2; field numbers as there), rather than vendoring the
 * .proto files and a parser for them.
 */
export const KUBERNETES_PROTOBUF = 'application/vnd.kubernetes.protobuf';

/** Every protobuf body starts with these four bytes: `k8s` and a zero byte. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** An error body larger than this is not decoded: a `Status` is a few hundred bytes. */
export const MAX_PROTOBUF_STATUS_BYTES = 1024 * 1024;

const optional = (type: string, id: number): protobuf.IField => ({ type, id });

const root = protobuf.Root.fromJSON({
  nested: {
    TypeMeta: { fields: { apiVersion: optional('string', 1), kind: optional('string', 2) } },
    Unknown: {
      fields: {
        typeMeta: optional('TypeMeta', 1),
        raw: optional('bytes', 2),
        contentEncoding: optional('string', 3),
        contentType: optional('string', 4),
      },
    },
    ListMeta: {
      fields: {
        selfLink: optional('string', 1),
        resourceVersion: optional('string', 2),
        continue: optional('string', 3),
        remainingItemCount: optional('int64', 4),
      },
    },
    StatusCause: { fields: { reason: optional('string', 1), message: optional('string', 2), field: optional('string', 3) } },
    StatusDetails: {
      fields: {
        name: optional('string', 1),
        group: optional('string', 2),
        kind: optional('string', 3),
        causes: { type: 'StatusCause', id: 4, rule: 'repeated' },
        retryAfterSeconds: optional('int32', 5),
        uid: optional('string', 6),
      },
    },
    Status: {
      fields: {
        metadata: optional('ListMeta', 1),
        status: optional('string', 2),
        message: optional('string', 3),
        reason: optional('string', 4),
        details: optional('StatusDetails', 5),
        code: optional('int32', 6),
      },
    },
  },
});

const Unknown = root.lookupType('Unknown');
const Status = root.lookupType('Status');
const AS_PLAIN_DATA: protobuf.IConversionOptions = { longs: Number, bytes: Buffer, defaults: false };

/** A server's string quoted in a reason: short, whatever the server sent. */
const quoted = (text: string): string => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

export type ProtobufDecoding = { status: Record<string, unknown> } | { error: string };

/**
 * Kubernetes' JSON leaves out empty fields (`omitempty`) where protobuf writes every optional one: dropping
 * them makes the decoded `Status` read as the JSON one would, so the checks judge both alike.
 */
function withoutEmptyFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(withoutEmptyFields);
  if (typeof value !== 'object' || value === null || Buffer.isBuffer(value)) return value === '' || value === 0 ? undefined : value;
  const kept: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    const plain = withoutEmptyFields(field);
    if (plain !== undefined && !(typeof plain === 'object' && plain !== null && Object.keys(plain).length === 0)) kept[name] = plain;
  }
  return kept;
}

/**
 * A protobuf error body as the JSON `Status` it stands for (`kind`, `apiVersion` and the fields the body
 * set), or why it is not one. Bytes from a server are untrusted: anything malformed is an answer, never a throw.
 */
export function decodeKubernetesStatus(bytes: Uint8Array): ProtobufDecoding {
  if (bytes.length > MAX_PROTOBUF_STATUS_BYTES) return { error: `the body is ${bytes.length} bytes, more than the ${MAX_PROTOBUF_STATUS_BYTES} a protobuf \`Status\` is decoded up to` };
  if (bytes.length < MAGIC.length || !MAGIC.equals(bytes.subarray(0, MAGIC.length))) return { error: 'the body does not start with the `k8s\\0` magic of Kubernetes protobuf' };
  try {
    const envelope = Unknown.toObject(Unknown.decode(bytes.subarray(MAGIC.length)), AS_PLAIN_DATA) as {
      typeMeta?: { apiVersion?: string; kind?: string };
      raw?: Buffer;
      contentEncoding?: string;
      contentType?: string;
    };
    const kind = envelope.typeMeta?.kind ?? '';
    const apiVersion = envelope.typeMeta?.apiVersion ?? '';
    if (kind !== 'Status' || apiVersion !== 'v1') return { error: `the envelope holds \`${quoted(apiVersion) || '(no apiVersion)'}\` \`${quoted(kind) || '(no kind)'}\`, not a \`v1\` \`Status\`` };
    if (envelope.contentEncoding) return { error: `the envelope's \`contentEncoding\` is \`${quoted(envelope.contentEncoding)}\`, which Kubernetes clients do not decode` };
    if (envelope.contentType && envelope.contentType !== KUBERNETES_PROTOBUF) return { error: `the envelope's \`contentType\` is \`${quoted(envelope.contentType)}\`, not protobuf` };
    const fields = withoutEmptyFields(Status.toObject(Status.decode(envelope.raw ?? Buffer.alloc(0)), AS_PLAIN_DATA)) as Record<string, unknown>;
    const { metadata, ...rest } = fields;
    return { status: { kind, apiVersion, metadata: metadata ?? {}, ...rest } };
  } catch (error) {
    return { error: `the body is not a protobuf \`Status\`: ${(error as Error).message}` };
  }
}

/** An error body as the checks read it: the JSON of the `Status` it encodes, or its bytes as lossy UTF-8 and why they did not decode. */
export interface DecodedErrorBody {
  bodyText: string;
  decodedFrom?: typeof KUBERNETES_PROTOBUF;
  undecodable?: string;
}

/** A protobuf error body (`truncated`: cut at the client's size cap, so not decodable) as text the checks can read. */
export function decodeErrorBody(bytes: Buffer, truncated: boolean): DecodedErrorBody {
  if (truncated) return { bodyText: bytes.toString('utf8'), undecodable: 'the body was cut at the size cap before it ended' };
  const decoded = decodeKubernetesStatus(bytes);
  if ('error' in decoded) return { bodyText: bytes.toString('utf8'), undecodable: decoded.error };
  return { bodyText: JSON.stringify(decoded.status, null, 2), decodedFrom: KUBERNETES_PROTOBUF };
}
