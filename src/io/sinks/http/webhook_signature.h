// Signing as the Standard Webhooks specification does: the receiver checks
//   webhook-signature: v1,<base64 of HMAC-SHA256(secret, "<webhook-id>.<webhook-timestamp>.<body>")>
// A secret written "whsec_<base64>" is the key those bytes decode to; any other is used as it is.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cepheus::io {

std::string webhookSignature(std::string_view secret, std::string_view id, int64_t timestampSeconds,
                             std::string_view body);

std::string base64Encode(std::string_view bytes);
std::string base64Decode(std::string_view text);  // empty when the text is not base64

}  // namespace cepheus::io
