#include "bundle/timestamp.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/ts.h>

#include <ctime>

#include "bundle/openssl_text.h"
#include "bundle/signature.h"

namespace creditgen::bundle {

namespace {

using openssl::Bio;
using openssl::Cert;
using openssl::memory;
using Request = CHandle<TS_REQ, TS_REQ_free>;
using Imprint = CHandle<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>;
using Algorithm = CHandle<X509_ALGOR, X509_ALGOR_free>;
using Reply = CHandle<TS_RESP, TS_RESP_free>;
using VerifyContext = CHandle<TS_VERIFY_CTX, TS_VERIFY_CTX_free>;

std::string sha256_of(std::string_view content) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(content.data(), content.size(), md, &n, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(md), n);
}

std::string time_text(const ASN1_GENERALIZEDTIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return "";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace

std::string timestamp_query(std::string_view content) {
  const std::string digest = sha256_of(content);
  Algorithm algorithm(X509_ALGOR_new());
  // NULL parameters, as `openssl ts -query` writes them: the same request bytes.
  X509_ALGOR_set0(algorithm.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  Imprint imprint(TS_MSG_IMPRINT_new());
  TS_MSG_IMPRINT_set_algo(imprint.get(), algorithm.get());  // copies
  TS_MSG_IMPRINT_set_msg(imprint.get(), reinterpret_cast<unsigned char*>(const_cast<char*>(digest.data())),
                         static_cast<int>(digest.size()));  // copies
  Request request(TS_REQ_new());
  TS_REQ_set_version(request.get(), 1);
  TS_REQ_set_msg_imprint(request.get(), imprint.get());  // copies
  TS_REQ_set_cert_req(request.get(), 1);
  unsigned char* der = nullptr;
  const int size = i2d_TS_REQ(request.get(), &der);
  if (size <= 0) return "";
  std::string out(reinterpret_cast<const char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

TimestampCheck check_timestamp(std::string_view reply_der, std::string_view content, const std::string* trusted_pem) {
  TimestampCheck check;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(reply_der.data());
  Reply reply(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply_der.size())));
  if (!reply || p != reinterpret_cast<const unsigned char*>(reply_der.data() + reply_der.size())) {
    check.error = "不是 RFC 3161 时间戳回执（TimeStampResp，DER）" + openssl::reason();
    return check;
  }
  PKCS7* token = TS_RESP_get_token(reply.get());
  if (TS_TST_INFO* info = TS_RESP_get_tst_info(reply.get())) check.time = time_text(TS_TST_INFO_get_time(info));
  if (token) {
    if (STACK_OF(X509)* signers = PKCS7_get0_signers(token, nullptr, 0)) {
      if (sk_X509_num(signers) > 0) check.tsa = openssl::subject_of(sk_X509_value(signers, 0));
      sk_X509_free(signers);
    }
    ERR_clear_error();
  }

  VerifyContext ctx(TS_VERIFY_CTX_new());
  int flags = TS_VFY_VERSION | TS_VFY_DATA;
  TS_VERIFY_CTX_set_data(ctx.get(), BIO_new_mem_buf(content.data(), static_cast<int>(content.size())));  // owned by ctx
  if (trusted_pem) {
    Bio cert_bio = memory(*trusted_pem);
    Cert trusted(PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    if (!trusted) {
      check.error = "--tsa-cert 指定的证书无法读取：应为 PEM 格式" + openssl::reason();
      return check;
    }
    X509_STORE* store = X509_STORE_new();
    X509_STORE_add_cert(store, trusted.get());
    TS_VERIFY_CTX_set_store(ctx.get(), store);  // owned by ctx
    flags |= TS_VFY_SIGNATURE;
  }
  TS_VERIFY_CTX_set_flags(ctx.get(), flags);
  if (TS_RESP_verify_response(ctx.get(), reply.get()) != 1) {
    const std::string why = openssl::reason();
    if (!token) check.error = "时间戳服务未签发时间戳（回执状态不是 granted）" + why;
    else if (trusted_pem) check.error = "时间戳与 " + std::string(kSignedFile) + " 不符，或时间戳服务的证书不是由 --tsa-cert 指定的证书签发" + why;
    else check.error = "时间戳所盖的不是本包的 " + std::string(kSignedFile) + why;
    return check;
  }
  if (!trusted_pem) {
    // Without a trusted certificate the signature is still checked against
    // the TSA certificate the reply carries: the token was not altered.
    if (PKCS7_verify(token, nullptr, nullptr, nullptr, nullptr, PKCS7_NOVERIFY) != 1) {
      check.error = "时间戳的签名与其内容不符" + openssl::reason();
      return check;
    }
  }
  check.valid = true;
  return check;
}

}  // namespace creditgen::bundle
