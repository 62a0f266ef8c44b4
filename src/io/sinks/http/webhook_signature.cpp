#include "io/sinks/http/webhook_signature.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace cepheus::io {

std::string base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(written));
  return out;
}

std::string base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return {};
  std::string out(3 * (text.size() / 4), '\0');
  int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (written < 0) return {};
  size_t padding = 0;
  while (padding < 2 && padding < text.size() && text[text.size() - 1 - padding] == '=') ++padding;
  out.resize(static_cast<size_t>(written) - padding);
  return out;
}

std::string webhookSignature(std::string_view secret, std::string_view id, int64_t timestampSeconds,
                             std::string_view body) {
  std::string key(secret);
  if (secret.substr(0, 6) == "whsec_") {
    std::string decoded = base64Decode(secret.substr(6));
    if (!decoded.empty()) key = decoded;
  }
  std::string content;
  content.reserve(id.size() + body.size() + 24);
  content.append(id);
  content += '.';
  content += std::to_string(timestampSeconds);
  content += '.';
  content.append(body);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(content.data()),
       content.size(), digest, &length);
  return "v1," + base64Encode(std::string_view(reinterpret_cast<const char*>(digest), length));
}

}  // namespace cepheus::io
