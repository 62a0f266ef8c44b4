// The mappers behind makeSourceMapper, one file each.
#pragma once

#include <memory>

#include "io/mappers/source_mapper.h"

namespace cepheus::io {

std::unique_ptr<SourceMapper> makeJsonSourceMapper(const TransportInfo& info, const StreamInfo& stream);
std::unique_ptr<SourceMapper> makeCsvSourceMapper(const TransportInfo& info, const StreamInfo& stream);
std::unique_ptr<SourceMapper> makeTextSourceMapper(const TransportInfo& info, const StreamInfo& stream);

}  // namespace cepheus::io
