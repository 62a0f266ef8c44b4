#include "common/json_text.h"

#include "common/json_reader.h"

namespace cepheus {

bool isCompactJson(std::string_view text) {
  try {
    JsonValue value = readJsonLine(text, 0);
    return value.isCompound() && value.text == text;
  } catch (const JsonSyntaxError&) {
    return false;
  }
}

}  // namespace cepheus
