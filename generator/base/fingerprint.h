// A SHA-256 over a sequence of parts, each fed with its length, so no two
// different sequences give the same bytes: what the build caches key a set
// of inputs by (a month's pages, a month's sources).
#pragma once

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <string>
#include <string_view>

namespace creditgen {

class Fingerprint {
 public:
  Fingerprint() : sha_(Poco::SHA2Engine::SHA_256) {}
  Fingerprint& operator<<(std::string_view part) {
    const std::string length = std::to_string(part.size()) + ":";
    sha_.update(length.data(), length.size());
    sha_.update(part.data(), part.size());
    return *this;
  }
  /// Lower-case hex; the fingerprint cannot be fed afterwards.
  std::string hex() { return Poco::DigestEngine::digestToHex(sha_.digest()); }

 private:
  Poco::SHA2Engine sha_;
};

}  // namespace creditgen
