// Small helpers shared by the signature and timestamp code: OpenSSL handles
// as RAII values, a read-only BIO over bytes, and OpenSSL's own words for
// messages.
#pragma once

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include <string>
#include <string_view>

#include "base/c_handle.h"

namespace creditgen::bundle::openssl {

using Bio = CHandle<BIO, BIO_free>;
using Cert = CHandle<X509, X509_free>;
using Store = CHandle<X509_STORE, X509_STORE_free>;

/// A read-only memory BIO over `bytes` (which must outlive it).
inline Bio memory(std::string_view bytes) {
  return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

/// OpenSSL's reason for the last failure, in parentheses for a message; "" when none.
inline std::string reason() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (!code) return "";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return std::string("（") + buf + "）";
}

/// "/CN=…/O=…", as OpenSSL prints a certificate's subject.
inline std::string subject_of(X509* cert) {
  char buf[512];
  X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf);
  return buf;
}

}  // namespace creditgen::bundle::openssl
