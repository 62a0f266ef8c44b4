// Saved app state on disk (`cepheus run --save/--restore`). Saving is atomic: the bytes go to a
// temporary file beside the target, which is flushed to disk and then renamed over it, so a
// crash leaves either the old state or the new one, never half of one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cepheus::cli {

// The file's bytes; on failure prints "FILE: error: cannot read: REASON" to stderr.
std::optional<std::vector<uint8_t>> readStateFile(const std::string& path);

// False (after printing "FILE: error: cannot write: REASON") when any step fails; the target is
// then unchanged.
bool writeStateFile(const std::string& path, const std::vector<uint8_t>& bytes);

}  // namespace cepheus::cli
