/**
 * The protobuf classes and gRPC service definitions of `@eventstore/db-client` (the same copy the
 * adapter uses). google-protobuf registers generated classes globally, so the double loads exactly
 * these modules, and the well-known types through the client's own google-protobuf, never a second
 * copy. The client package ships the generated code but not the .proto files; the field names and
 * numbers below come from those generated modules.
 */
import { createRequire } from 'node:module';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

export { codePb, serverFeaturesGrpc, serverFeaturesPb, sharedPb, statusPb, streamsGrpc, streamsPb };

type GoogleEmpty = NonNullable<ReturnType<streamsPb.BatchAppendReq.Options['getNoStream']>>;
type GoogleAny = NonNullable<ReturnType<statusPb.Status['getDetails']>>;
type GoogleTimestamp = NonNullable<ReturnType<streamsPb.BatchAppendReq.Options['getDeadline']>>;

const clientRequire = createRequire(
  createRequire(import.meta.url).resolve('@eventstore/db-client/package.json'),
);

/** google.protobuf.Empty, Any and Timestamp as the client's generated code sees them. */
export const googlePb = {
  Empty: (
    clientRequire('google-protobuf/google/protobuf/empty_pb.js') as {
      Empty: new () => GoogleEmpty;
    }
  ).Empty,
  Any: (clientRequire('google-protobuf/google/protobuf/any_pb.js') as { Any: new () => GoogleAny })
    .Any,
  Timestamp: (
    clientRequire('google-protobuf/google/protobuf/timestamp_pb.js') as {
      Timestamp: { new (): GoogleTimestamp };
    }
  ).Timestamp,
};

export type { GoogleAny, GoogleEmpty, GoogleTimestamp };
