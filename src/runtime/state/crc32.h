// CRC-32 (the zlib/PNG polynomial), which snapshots carry to refuse corrupted bytes. Eight
// bytes a step with eight tables: fast enough that checking a snapshot of a million rows costs
// a few milliseconds.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cepheus::runtime {

uint32_t crc32(const uint8_t* data, size_t size);

}  // namespace cepheus::runtime
