#include <stdexcept>

#include "io/mappers/mapper_factories.h"

namespace cepheus::io {

std::unique_ptr<SourceMapper> makeSourceMapper(const TransportInfo& info, const StreamInfo& stream) {
  if (info.mapType.empty() || info.mapType == "json") return makeJsonSourceMapper(info, stream);
  if (info.mapType == "csv") return makeCsvSourceMapper(info, stream);
  if (info.mapType == "text") return makeTextSourceMapper(info, stream);
  throw std::invalid_argument("no source mapper of type '" + info.mapType + "'");
}

}  // namespace cepheus::io
