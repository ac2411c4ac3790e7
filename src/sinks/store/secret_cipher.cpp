#include "sinks/store/secret_cipher.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace sfsync {
namespace {

constexpr size_t kKeySize = 32;
constexpr size_t kNonceSize = 12;
constexpr size_t kTagSize = 16;
constexpr std::string_view kFormat = "v1";  // blob = "v1" nonce ciphertext tag

struct CipherCtx {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
};

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

Error crypto_error(const std::string& what) { return make_error("crypto", "secret store: " + what); }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  return s;
}

}  // namespace

Result<std::unique_ptr<AesGcmCipher>> AesGcmCipher::from_hex(std::string_view hex) {
  hex = trim(hex);
  if (hex.size() != kKeySize * 2) {
    return make_error("bad_config", "secret key must be 64 hex characters (generate one with `openssl rand -hex 32`)");
  }
  std::string key;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
    if (hi < 0 || lo < 0) return make_error("bad_config", "secret key is not hexadecimal");
    key.push_back(static_cast<char>(hi * 16 + lo));
  }
  return std::make_unique<AesGcmCipher>(std::move(key));
}

Result<std::unique_ptr<AesGcmCipher>> AesGcmCipher::from_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("bad_config", "cannot read secret key file " + path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (content.size() == kKeySize) return std::make_unique<AesGcmCipher>(std::move(content));
  return from_hex(content);
}

Result<std::unique_ptr<AesGcmCipher>> AesGcmCipher::from_environment() {
  if (const char* hex = std::getenv("SFSYNC_SECRET_KEY"); hex && *hex) return from_hex(hex);
  if (const char* path = std::getenv("SFSYNC_SECRET_KEY_FILE"); path && *path) return from_file(path);
  return make_error("bad_config",
                    "no secret key: set SFSYNC_SECRET_KEY (64 hex characters) or SFSYNC_SECRET_KEY_FILE");
}

Result<std::string> AesGcmCipher::encrypt(std::string_view name, std::string_view plaintext) const {
  if (key_.size() != kKeySize) return crypto_error("key must be 32 bytes");
  unsigned char nonce[kNonceSize];
  if (RAND_bytes(nonce, sizeof nonce) != 1) return crypto_error("no randomness for a nonce");
  CipherCtx c;
  std::string out(kFormat);
  out.append(reinterpret_cast<const char*>(nonce), kNonceSize);
  size_t body = out.size();
  out.resize(body + plaintext.size() + kTagSize);
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  int len = 0, fin = 0;
  bool ok = EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
            EVP_EncryptInit_ex(c.ctx, nullptr, nullptr, bytes(key_), nonce) == 1 &&
            EVP_EncryptUpdate(c.ctx, nullptr, &len, bytes(name), static_cast<int>(name.size())) == 1 &&
            EVP_EncryptUpdate(c.ctx, dst + body, &len, bytes(plaintext), static_cast<int>(plaintext.size())) == 1 &&
            EVP_EncryptFinal_ex(c.ctx, dst + body + len, &fin) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTagSize, dst + body + plaintext.size()) == 1;
  if (!ok) return crypto_error("encryption failed");
  return out;
}

Result<std::string> AesGcmCipher::decrypt(std::string_view name, std::string_view blob) const {
  if (key_.size() != kKeySize) return crypto_error("key must be 32 bytes");
  if (blob.size() < kFormat.size() + kNonceSize + kTagSize || blob.substr(0, kFormat.size()) != kFormat) {
    return crypto_error("unknown secret format");
  }
  std::string_view nonce = blob.substr(kFormat.size(), kNonceSize);
  std::string_view sealed = blob.substr(kFormat.size() + kNonceSize);
  std::string_view ciphertext = sealed.substr(0, sealed.size() - kTagSize);
  std::string tag(sealed.substr(ciphertext.size()));
  std::string out(ciphertext.size(), '\0');
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  CipherCtx c;
  int len = 0, fin = 0;
  bool ok = EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
            EVP_DecryptInit_ex(c.ctx, nullptr, nullptr, bytes(key_), bytes(nonce)) == 1 &&
            EVP_DecryptUpdate(c.ctx, nullptr, &len, bytes(name), static_cast<int>(name.size())) == 1 &&
            EVP_DecryptUpdate(c.ctx, dst, &len, bytes(ciphertext), static_cast<int>(ciphertext.size())) == 1 &&
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(c.ctx, dst + len, &fin) == 1;
  if (!ok) return crypto_error("cannot decrypt secret '" + std::string(name) + "' (wrong key or tampered store)");
  return out;
}

}  // namespace sfsync
