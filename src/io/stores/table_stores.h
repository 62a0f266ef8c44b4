// The one place that knows every table store type (`@store(type=...)` on `define table`): the
// command line and the server register them with their engine before deploying apps.
#pragma once

#include "cepheus/table_store.h"

namespace cepheus::io {

void registerTableStores(TableStoreRegistry& registry);

}  // namespace cepheus::io
