// Personal data on published pages (outputs.md, Privacy): 居民身份证号 and
// mobile numbers are found here once, so the loader's `[pii]` warnings and
// the site's masking always agree.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace creditgen {

struct PiiMatch {
  size_t offset = 0;  ///< byte offset in the searched text
  size_t length = 0;  ///< bytes of the match as written
  /// id_card_suspect: 18 characters with a real birth date whose check
  /// character is wrong — a mistyped ID number is still personal data.
  enum class Kind { id_card, id_card_suspect, mobile } kind = Kind::id_card;
  std::string masked;  ///< "370102********1234", "138****5678", "138 **** 5678"
};

/// Every ID card number and mobile number in UTF-8 text, in order. Digits
/// may be ASCII or full-width (０–９, as a Chinese input method types them);
/// a mobile number may be written 138 0531 8888 or 138-0531-8888. A match is
/// a whole run of letters and digits: "a13812345678" or a 19-digit bank card
/// number contain no match. Cost is linear in the text.
std::vector<PiiMatch> find_pii(std::string_view utf8);

/// The text with every match of find_pii replaced by its masked form.
std::string mask_pii(std::string_view utf8);

/// 18 characters: 17 digits then a digit or X (x accepted), a real birth date
/// YYYYMMDD at positions 7–14 and the GB 11643 check character.
bool valid_id_card(std::string_view s18);

}  // namespace creditgen
