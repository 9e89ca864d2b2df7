/** `statuslint spec`: checks of an API's OpenAPI description, as a library. */
export { type DocumentCheck, type OperationCheck, type SpecCheck, defineSpecCheck, runSpecCheck } from './check.js';
export { DOCUMENT_CHECKS, OPERATION_CHECKS, SPEC_CHECKS } from './checks/index.js';
export { checkCluster, type ClusterSpecOptions, DEFAULT_CLUSTER_OPTIONS } from './cluster.js';
export { type Located, type OpenApiVersion, type Operation, SpecDocument } from './document.js';
export { errorMembers, type ErrorMember } from './error-shape.js';
export { DEFAULT_LOAD_OPTIONS, loadDocument, type LoadOptions, prepareDocument, SpecSourceUnreachableError, specDocumentOf } from './load.js';
export { checkDocument, type CheckDocumentOptions, type SpecResultItem, specResults } from './run.js';
