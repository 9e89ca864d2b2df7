import { requestErrorStatus } from '../../../schemas/catalog.js';
import { defineApiProbe, requestFor, stringBodyReason, stringBodySafety } from '../probe.js';

const UNLIKELY_TYPES = ['text/plain', 'application/xml', 'application/octet-stream'];

const foreignType = (accepted: string[]): string | undefined => UNLIKELY_TYPES.find((t) => !accepted.some((a) => a.toLowerCase().startsWith(t) || a === '*/*'));

export default defineApiProbe({
  id: 'wrong-content-type',
  title: 'A body of a media type the operation does not take',
  description:
    'Send text under a media type the operation does not list (`text/plain`, else `application/xml`): `415` with `unsupported_media_type` (a profile\'s `requestErrors.mediaType` names its status). Where the body may be a string, a server that ignores the media type could store the text, so the probe then runs only with `--allow-writes`.',
  safety: stringBodySafety,
  writeReason: stringBodyReason,
  appliesTo(operation) {
    if (!operation.body) return 'the operation takes no body';
    return foreignType(operation.body.mediaTypes) ? true : 'the operation takes every media type';
  },
  request: (context) => requestFor(context, { body: { text: 'statuslint: this is not the media type you take', contentType: foreignType(context.operation.body!.mediaTypes)! } }),
  expect: (_operation, profile) => ({ status: requestErrorStatus(profile, 'mediaType'), codes: ['unsupported_media_type', 'UnsupportedMediaType'] }),
});
