export { StreamChain } from './streamChain.js';
export type { BreakReason, ChainBreak, StreamHead } from './streamChain.js';
export {
  discoverProjectStreams,
  isProjectStream,
  projectIdOf,
  streamOfProject,
} from './projectStreams.js';
export type { DiscoveredStreams } from './projectStreams.js';
export { checkStream, describeBreak, verifyStore } from './verifyStore.js';
export type { VerifyFailure, VerifyReport } from './verifyStore.js';
export { leafHash, MERKLE_RECIPE, merkleRoot, nodeHash } from './merkle.js';
export type { MerkleLeaf } from './merkle.js';
export {
  describeFailure,
  digestSchema,
  signedPayload,
  takeDigest,
  verifyDigest,
} from './digest.js';
export type { Digest, DigestCheck, DigestOutcome, SignatureState } from './digest.js';
export {
  digestSignerFromPem,
  keyIdOf,
  loadDigestSigner,
  publicKeyFromPem,
  signatureMatches,
} from './digestSigner.js';
export type { DigestSigner } from './digestSigner.js';
export { exportJsonl, exportLine, ImportError, importJsonl } from './jsonlExport.js';
export type { ExportedEvent, ImportSummary } from './jsonlExport.js';
export { csvColumns, csvField, csvRow, exportCsv, milestoneRow } from './csvExport.js';
export { firstDifference, replayedViews, replayReadModel } from './replay.js';
export type { Difference } from './replay.js';
export { projectHistory } from './history.js';
export type { HistoryItem } from './history.js';
