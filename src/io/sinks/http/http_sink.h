// @sink(type='http', publisher.url=..., ...): webhooks. Siddhi's http sink (method, headers,
// {{attr}} templates, json/text maps, @payload) plus what a webhook needs to be trusted:
//
// - a keep-alive connection pool and at most max.in.flight (16) requests outstanding, counting
//   those awaiting a retry; with max.in.flight=1 requests go strictly one after the other, a
//   failed one retried before any later one, so the receiver sees the stream's order;
// - a timeout per request; retries of 429, 5xx and no answer with exponential backoff and
//   jitter (retry.max, retry.backoff.initial, retry.backoff.max); other 4xx are refused at once;
// - a stable idempotency key per request (Idempotency-Key and webhook-id headers), the same on
//   every retry, after a restart and on replay, unique across restarts of the server;
// - Standard Webhooks signing when signing.secret is set;
// - batch.size > 1: the events waiting when a request can go, up to batch.size, go together as a
//   JSON array (no added wait: batches fill when the receiver is slower than the stream);
// - what is given up on goes to the dead letter (on.error: DEAD_LETTER, the default, a file of
//   the server's state; STREAM, the fault stream !S with _error; LOG, logged and dropped;
//   WAIT, retried without end);
// - what is undelivered at shutdown is saved (saveState) and resumed after a restart.
#pragma once

#include <memory>

#include "io/transport.h"

namespace cepheus::io {

std::unique_ptr<Sink> makeHttpSink(const TransportInfo& info, SinkEnvironment environment);

}  // namespace cepheus::io
