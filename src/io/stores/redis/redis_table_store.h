// `@store(type='redis', ...)`: a table's rows in Redis (docs/redis.md has the layout).
//
//   <table.name>:<key>   a hash per row: a field per attribute, named as the attribute, holding
//                        its text (cepheus::storeText); a null attribute is a missing field
//   <table.name>         a sorted set of the row keys, scored by insertion order: what scans
//                        read, in order
//
// <key> is the primary key's values joined by ':'; a table without @PrimaryKey gets keys
// '#1', '#2', ... (the row's score). Inserts, updates and deletes change a row and its place in
// the sorted set in one Lua script, so other clients never see one without the other.
#pragma once

#include <memory>

#include "cepheus/table_store.h"

namespace cepheus::io {

// Checks the options (host, port, password, table.name, cluster.mode, socket, database,
// timeout); throws std::invalid_argument for one it cannot use. Connects at the first read.
std::shared_ptr<TableStore> makeRedisTableStore(const TableStoreSpec& spec);

}  // namespace cepheus::io
