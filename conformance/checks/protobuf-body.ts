import { defineCheck, pass, skip } from '../check.js';
import { receivedExpected } from '../findings.js';
import { KUBERNETES_PROTOBUF } from '../kubernetes-protobuf.js';

export default defineCheck({
  id: 'protobuf-body',
  title: 'A body that claims to be Kubernetes protobuf decodes as a Status',
  level: 'MUST',
  scope: 'passive',
  bodyKinds: ['kubernetes-status'],
  description:
    'An error response whose content type is `application/vnd.kubernetes.protobuf` (what a client that asks for protobuf, as client-go and kubectl do, may get) must be a whole protobuf `Status`: the `k8s\\0` magic, then a `runtime.Unknown` envelope holding a `v1` `Status`. statuslint decodes it and judges its reason and code like a JSON one.',
  // A proxy's own error page, labelled with the media type the client asked for.
  example: { status: 502, headers: { 'content-type': KUBERNETES_PROTOBUF }, bytes: Buffer.from('upstream connect error\n').toString('base64') },
  run({ response, subject }) {
    if (subject === 'watch-error-event') return skip('inside a watch stream');
    if (response.status !== undefined && response.status < 400) return skip('not an error response');
    if (response.mediaType !== KUBERNETES_PROTOBUF) return skip('not a protobuf body');
    if (response.truncated) return skip('the body was cut at the size cap before it ended: statuslint read only part of it (see response-complete)');
    if (response.decodedFrom !== undefined) return pass;
    if (response.undecodable === undefined) return skip('the body was recorded as text, not as the bytes the server sent');
    return [
      {
        pointer: '',
        expected: 'a protobuf Status',
        received: 'undecodable body',
        message: receivedExpected(`a body in \`${KUBERNETES_PROTOBUF}\` that does not decode (${response.undecodable})`, 'a protobuf `Status` (`k8s\\0`, then a `runtime.Unknown` holding `v1` `Status`)'),
        hint: 'Encode errors with the serializer that encodes the rest of the response (apimachinery\'s protobuf serializer), or send them as JSON with `Content-Type: application/json`.',
      },
    ];
  },
});
