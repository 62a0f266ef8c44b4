#include "io/stores/table_stores.h"

#include "io/stores/redis/redis_table_store.h"

namespace cepheus::io {

void registerTableStores(TableStoreRegistry& registry) { registry.add("redis", makeRedisTableStore); }

}  // namespace cepheus::io
