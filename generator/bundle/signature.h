// The office's detached signature over a bag's tagmanifest-sha256.txt
// (DA/T 97 电子签名): CMS (PKCS #7) in DER, made with OpenSSL from a PEM key
// and certificate (RSA or ECDSA: OpenSSL 3.0 cannot make CMS signatures with
// SM2 keys). The tag manifest covers every other
// tag file and, through the manifests, every payload file, so one signature
// binds the whole bag. Without signed attributes (no signing time from the
// clock), so an RSA signature is the same bytes each time.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace creditgen::bundle {

inline constexpr const char* kSignatureFile = "tags/signature.p7s";
inline constexpr const char* kSignedFile = "tagmanifest-sha256.txt";

struct SigningKey {
  std::string key_pem;          ///< the private key, PEM, not encrypted
  std::string certificate_pem;  ///< its certificate, PEM
};

/// DER CMS signature of `content`, detached; nullopt with `error` (Chinese).
std::optional<std::string> sign_detached(std::string_view content, const SigningKey& key, std::string& error);

struct SignatureCheck {
  bool valid = false;
  std::string signer;  ///< the signer certificate's subject, when it could be read
  std::string error;   ///< why not valid (Chinese)
};

/// Checks the DER signature `der` over `content`. With `trusted_pem` (a
/// certificate in PEM: the office's own or the CA that issued it) the signer
/// must chain to it; without, only that the signature matches the content
/// and the certificate it carries.
SignatureCheck verify_detached(std::string_view der, std::string_view content, const std::string* trusted_pem);

}  // namespace creditgen::bundle
