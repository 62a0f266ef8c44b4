// "Did you mean ...?" for names that are not found: the known name closest to a misspelling.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cepheus {

// The candidate that `name` most likely misspells: the fewest edits (insert, delete, replace,
// swap two neighbours; case is ignored), when few enough for the name's length that it is a
// typo rather than another word. Ties go to the earlier candidate. nullopt when none is close.
// A qualified name (`ns:name`) is compared with qualified candidates; a bare one also with the
// bare part of qualified ones, so `upper` finds `str:upper`.
std::optional<std::string> closestName(std::string_view name, const std::vector<std::string>& candidates);

// " (did you mean 'CANDIDATE'?)" for the closest candidate, or "" when none is close.
std::string didYouMean(std::string_view name, const std::vector<std::string>& candidates,
                       std::string_view prefix = "");

}  // namespace cepheus
