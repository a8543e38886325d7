// A trusted timestamp (RFC 3161, DA/T 97 可信时间戳) over a sealed bag's
// tagmanifest-sha256.txt — the same bytes the office's signature covers,
// so the token proves the whole bag existed no later than its time. The
// office's TSA is on its own network: `creditgen publish --timestamp-query`
// writes the request, the office takes it to the TSA, and `publish
// --timestamp-response` seals the bag with the TSA's reply as
// tags/timestamp.tsr. The reply is kept beside the publication record too,
// so a lost sealed bundle can be made again byte for byte.
#pragma once

#include <string>
#include <string_view>

namespace creditgen::bundle {

inline constexpr const char* kTimestampFile = "tags/timestamp.tsr";

/// A DER TimeStampReq for the SHA-256 of `content`, asking for the TSA's
/// certificate in the reply and carrying no nonce: the same bag always gives
/// the same request, so it can be made again.
std::string timestamp_query(std::string_view content);

struct TimestampCheck {
  bool valid = false;
  std::string time;   ///< the TSA's genTime, "2022-06-05 08:30:00 UTC", when it could be read
  std::string tsa;    ///< the TSA certificate's subject, when the reply carries it
  std::string error;  ///< why not valid (Chinese)
};

/// Checks the DER TimeStampResp `reply` (as `openssl ts -reply` writes it):
/// granted, over exactly `content`, and its signature matches the TSA
/// certificate it carries. With `trusted_pem` (the TSA's certificate or the
/// CA that issued it, PEM) the TSA certificate must also chain to it and be
/// meant for time stamping.
TimestampCheck check_timestamp(std::string_view reply, std::string_view content, const std::string* trusted_pem);

}  // namespace creditgen::bundle
