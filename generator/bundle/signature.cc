#include "bundle/signature.h"

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "bundle/openssl_text.h"

namespace creditgen::bundle {

namespace {

using openssl::Bio;
using openssl::Cert;
using openssl::memory;
using openssl::Store;
using openssl::subject_of;
using Key = CHandle<EVP_PKEY, EVP_PKEY_free>;
using Cms = CHandle<CMS_ContentInfo, CMS_ContentInfo_free>;

}  // namespace

std::optional<std::string> sign_detached(std::string_view content, const SigningKey& signing, std::string& error) {
  Bio key_bio = memory(signing.key_pem), cert_bio = memory(signing.certificate_pem);
  Key key(PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
  Cert cert(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
  if (!key || !cert) {
    error = std::string(!key ? "私钥" : "证书") + "无法读取：应为 PEM 格式（私钥不能设口令）" + openssl::reason();
    return std::nullopt;
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    error = "私钥与证书不匹配" + openssl::reason();
    return std::nullopt;
  }
  Bio data = memory(content);
  Cms cms(CMS_sign(cert.get(), key.get(), nullptr, data.get(), CMS_BINARY | CMS_DETACHED | CMS_NOSMIMECAP | CMS_NOATTR));
  Bio out(BIO_new(BIO_s_mem()));
  if (!cms || i2d_CMS_bio(out.get(), cms.get()) != 1) {
    error = "签名失败" + openssl::reason();
    return std::nullopt;
  }
  char* bytes = nullptr;
  const long size = BIO_get_mem_data(out.get(), &bytes);
  return std::string(bytes, static_cast<size_t>(size));
}

SignatureCheck verify_detached(std::string_view der, std::string_view content, const std::string* trusted_pem) {
  SignatureCheck check;
  Bio in = memory(der);
  Cms cms(d2i_CMS_bio(in.get(), nullptr));
  if (!cms) {
    check.error = std::string(kSignatureFile) + " 不是 CMS 签名" + openssl::reason();
    return check;
  }
  Store store(X509_STORE_new());
  unsigned flags = CMS_BINARY | CMS_DETACHED;
  if (trusted_pem) {
    Bio cert_bio = memory(*trusted_pem);
    Cert trusted(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    if (!trusted) {
      check.error = "--cert 指定的证书无法读取：应为 PEM 格式" + openssl::reason();
      return check;
    }
    X509_STORE_add_cert(store.get(), trusted.get());
  } else {
    flags |= CMS_NO_SIGNER_CERT_VERIFY;
  }
  Bio data = memory(content);
  const bool ok = CMS_verify(cms.get(), nullptr, store.get(), data.get(), nullptr, flags) == 1;
  const std::string reason = ok ? "" : openssl::reason();
  if (STACK_OF(X509)* signers = CMS_get0_signers(cms.get())) {
    if (sk_X509_num(signers) > 0) check.signer = subject_of(sk_X509_value(signers, 0));
    sk_X509_free(signers);
  }
  check.valid = ok;
  if (!ok)
    check.error = trusted_pem ? "签名无效，或签名证书不是由 --cert 指定的证书签发" + reason
                              : "签名与 " + std::string(kSignedFile) + " 不符" + reason;
  return check;
}

}  // namespace creditgen::bundle
